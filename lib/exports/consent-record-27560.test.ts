import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { downloadConsentRecord } from "../contacts/certificate.routes";
import { auditLog } from "../db/schema/access";
import { consentEvents, contacts } from "../db/schema/ledger";
import { users, workspaces } from "../db/schema/workspaces";
import { NotFoundError } from "../errors";
import { append } from "../ledger/append";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { apiOptOut, createLedgerFixture, webOptIn, type LedgerFixture } from "../../testing/fixtures";
import { loadCertificateInput, renderConsentCertificate } from "./certificate";
import { CONSENT_RECORD_SCHEMA } from "./consent-record-27560";

/** The fields ISO/IEC TS 27560 makes mandatory, as they sit in each record (optional ones Assent fills are checked below). */
const MANDATORY = {
  record: ["schema_version", "record_id", "pii_principal_id"],
  pii_processing: ["privacy_notice", "language", "purposes"],
  purpose: [
    "purpose",
    "pii_information",
    "pii_controllers",
    "storage_locations",
    "retention_period",
    "jurisdiction",
    "recipient_third_parties",
    "withdrawal_method",
  ],
  pii_information: ["pii_type"],
  party: ["party_id", "party_address", "party_name", "party_contact"],
  event: ["event_time", "entity_id", "type", "state"],
};

describe.each(testDatabaseKinds())("ISO/IEC TS 27560 consent record on %s", (kind) => {
  let t: TestDatabase;
  let fx: LedgerFixture;
  const user = { id: "", email: "compliance@test.example", name: "Casey Compliance" };
  const phone = "+12015550161";

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createLedgerFixture(t.db);
    const [row] = await t.db.insert(users).values({ email: user.email, name: user.name }).returning();
    user.id = row!.id;
  });
  afterAll(() => t?.drop());

  const download = async (contactId: string, workspace = fx.workspace) =>
    downloadConsentRecord.handle({
      db: t.db,
      actor: { workspace, user, sessionId: "s", role: "compliance" },
      meta: { ip: "198.51.100.9", userAgent: "test", requestId: "r-27560" },
      request: new Request("http://localhost/"),
      params: { workspace: workspace.slug, contact: contactId },
    });

  it("holds one record per category with the mandatory fields, the controller as named then, and the ledger's hashes", async () => {
    const optIn = await append(t.db, webOptIn(fx, phone, { categories: ["orders", "offers"], name: "Ana Privacy", note: "asked at the till" }));
    await t.db.update(workspaces).set({ businessName: "Brew & Co", legalName: "Brew and Company Inc" }).where(eq(workspaces.id, fx.workspace.id));
    await append(t.db, apiOptOut(fx, phone, ["offers"]));
    const [renamed] = await t.db.select().from(workspaces).where(eq(workspaces.id, fx.workspace.id));

    const response = await download(optIn.contactId, renamed!);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="consent-record-27560-${optIn.contactId}.json"`);
    const text = await response.text();
    const doc = JSON.parse(text);

    const [contact] = await t.db.select().from(contacts).where(eq(contacts.id, optIn.contactId));
    expect(doc).toMatchObject({
      schema_version: CONSENT_RECORD_SCHEMA,
      generated_by: user.email,
      pii_principal: { pii_principal_id: optIn.contactId, identifiers: [{ value: contact!.phoneDigest }] },
      certificate: expect.stringMatching(new RegExp(`/${fx.workspace.slug}/contacts/${optIn.contactId}/certificate$`)),
      chain_verified: true,
    });
    expect(doc.records.map((r: any) => r.purpose_id ?? r.pii_processing.purposes[0].purpose_id)).toEqual(["orders", "offers"]);
    for (const r of doc.records) {
      for (const k of MANDATORY.record) expect(r.record, k).toHaveProperty(k);
      for (const k of MANDATORY.pii_processing) expect(r.pii_processing, k).toHaveProperty(k);
      for (const p of r.pii_processing.purposes) {
        for (const k of MANDATORY.purpose) expect(p, k).toHaveProperty(k);
        for (const i of p.pii_information) for (const k of MANDATORY.pii_information) expect(i, k).toHaveProperty(k);
        expect(p.lawful_basis).toBe("consent");
      }
      for (const party of r.party_identification) for (const k of MANDATORY.party) expect(party, k).toHaveProperty(k);
      for (const e of r.event) for (const k of MANDATORY.event) expect(e, k).toHaveProperty(k);
      expect(r.pii_processing.privacy_notice).toEqual([expect.objectContaining({ notice_id: fx.formVersion.id, form_version_digest: fx.formVersion.digest })]);
      expect(r.pii_processing.privacy_notice[0].consent_text).toEqual(expect.any(String));
    }

    const [orders, offers] = doc.records;
    expect(orders.event.map((e: any) => [e.state, e.pii_controller])).toEqual([["given", "controller-1"]]);
    expect(orders.party_identification).toEqual([expect.objectContaining({ party_id: "controller-1", party_name: "Test Shop", party_role: "PII Controller" })]);
    expect(orders.current_state).toMatchObject({ state: "opted_in" });
    // The opt-out happened after the rename: the second controller name, and the record says consent was withdrawn.
    expect(offers.event.map((e: any) => [e.state, e.pii_controller, e.entity_id])).toEqual([
      ["given", "controller-1", optIn.contactId],
      ["withdrawn", "controller-2", "System: test"],
    ]);
    expect(offers.party_identification.map((p: any) => [p.party_name, p.legal_name])).toEqual([
      ["Test Shop", "Test Shop Ltd"],
      ["Brew & Co", "Brew and Company Inc"],
    ]);
    expect(offers.current_state).toMatchObject({ state: "opted_out" });

    // Each event names its ledger hash and seq, so the record can be checked against the ledger and its proof export.
    const ledger = await t.db
      .select({ id: consentEvents.id, seq: consentEvents.seq, hash: consentEvents.hash })
      .from(consentEvents)
      .where(eq(consentEvents.contactId, optIn.contactId))
      .orderBy(asc(consentEvents.seq));
    const exported = doc.records.flatMap((r: any) => r.event.map((e: any) => ({ id: e.evidence.event_id, seq: e.evidence.seq, hash: e.evidence.hash })));
    expect(exported.sort((a: any, b: any) => a.seq - b.seq)).toEqual(ledger);

    // No plain personal data of the person: digests only (decision 0021).
    for (const plain of [phone, phone.slice(2), "Ana Privacy", "203.0.113.7", "Mozilla/5.0", "asked at the till"]) expect(text).not.toContain(plain);

    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, fx.workspace.id), eq(auditLog.action, "contact.consent-record")));
    expect(audit).toMatchObject({ targetType: "contact", targetId: optIn.contactId, detail: { records: 2, verified: true } });
  });

  it("is linked from the certificate", async () => {
    const receipt = await append(t.db, webOptIn(fx, "+12015550162"));
    const input = await loadCertificateInput(t.db, { workspace: fx.workspace, user }, receipt.contactId);
    expect(input.links.consentRecord).toMatch(new RegExp(`/${fx.workspace.slug}/contacts/${receipt.contactId}/consent-record$`));
    const { extractText } = await import("unpdf");
    const { text } = await extractText(new Uint8Array(await renderConsentCertificate(input)), { mergePages: true });
    const squashed = text.replace(/\s+/g, "");
    expect(squashed).toContain("ISO/IECTS27560");
    expect(squashed).toContain(input.links.consentRecord);
  });

  it("does not hand out another workspace's contact", async () => {
    const other = await createLedgerFixture(t.db);
    const theirs = await append(t.db, webOptIn(other, "+12015550163"));
    await expect(download(theirs.contactId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(download("not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
  });
});
