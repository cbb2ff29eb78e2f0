import "server-only";
import { defineWorkspaceRoute } from "../handlers/workspace-route";
import { recordStaffAudit } from "../handlers/audit";
import { loadCertificateInput, renderConsentCertificate } from "../exports/certificate";
import { buildConsentRecords, loadConsentRecordInput } from "../exports/consent-record-27560";

/**
 * The consent certificate of one contact, as a PDF download. The data is read in one read-only, repeatable-read
 * transaction so the events, states and verification result describe the same moment even while opt-ins arrive.
 * Each download is written to the staff audit log: a certificate carries personal data.
 */
export const downloadCertificate = defineWorkspaceRoute({
  name: "contacts.certificate",
  permission: "evidence:read",
  async handle({ db, actor, meta, params }) {
    const input = await db.transaction((tx) => loadCertificateInput(tx, actor, params.contact ?? ""), {
      isolationLevel: "repeatable read",
      accessMode: "read only",
    });
    const pdf = await renderConsentCertificate(input);
    await recordStaffAudit(
      db,
      { actor, meta },
      {
        action: "contact.certificate",
        targetType: "contact",
        targetId: input.contact.id,
        detail: { events: input.events.length, verified: input.verification.ok },
      },
    );
    const name = input.contact.phone?.replace(/\D/g, "") || input.contact.id;
    return new Response(new Uint8Array(pdf), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="consent-certificate-${name}.pdf"`,
        "cache-control": "no-store",
      },
    });
  },
});

/**
 * The same evidence as ISO/IEC TS 27560 consent records (JSON), one per category: who may download the
 * certificate may download this, read in the same kind of transaction, and each download is audited likewise.
 */
export const downloadConsentRecord = defineWorkspaceRoute({
  name: "contacts.consent-record",
  permission: "evidence:read",
  async handle({ db, actor, meta, params }) {
    const input = await db.transaction((tx) => loadConsentRecordInput(tx, actor, params.contact ?? ""), {
      isolationLevel: "repeatable read",
      accessMode: "read only",
    });
    const record = buildConsentRecords(input);
    await recordStaffAudit(
      db,
      { actor, meta },
      {
        action: "contact.consent-record",
        targetType: "contact",
        targetId: input.contact.id,
        detail: { records: record.records.length, verified: input.verification.ok },
      },
    );
    return new Response(`${JSON.stringify(record, null, 2)}\n`, {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="consent-record-27560-${input.contact.id}.json"`,
        "cache-control": "no-store",
      },
    });
  },
});
