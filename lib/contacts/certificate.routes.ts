import "server-only";
import { defineWorkspaceRoute } from "../handlers/workspace-route";
import { recordStaffAudit } from "../handlers/audit";
import { loadCertificateInput, renderConsentCertificate } from "../exports/certificate";

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
