import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { append } from "../ledger/append";
import { createApiKey } from "../api-keys/keys";
import { auditLog } from "../db/schema/access";
import { forms } from "../db/schema/forms";
import { contacts } from "../db/schema/ledger";
import { createLedgerFixture, webOptIn, type LedgerFixture } from "../../testing/fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { AUDIT_PAGE_SIZE, listAuditEntries } from "./queries";

describe.each(testDatabaseKinds())("the audit log's subjects on %s", (kind) => {
  let t: TestDatabase;
  let fx: LedgerFixture;
  let other: LedgerFixture;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createLedgerFixture(t.db);
    other = await createLedgerFixture(t.db);
  });
  afterAll(() => t?.drop());

  const row = (workspaceId: string, action: string, targetType: string | null, targetId: string | null) => ({
    workspaceId,
    actorLabel: "staff@example.com",
    action,
    targetType,
    targetId,
    detail: {},
  });

  it("names each subject of the page in one statement: form, contact, key; erased and foreign ones stay unnamed", async () => {
    const [form] = await t.db.select().from(forms).where(eq(forms.id, fx.formVersion.formId));
    const [foreignForm] = await t.db.select().from(forms).where(eq(forms.id, other.formVersion.formId));
    const kept = await append(t.db, webOptIn(fx, "+12015550141"));
    const erased = await append(t.db, webOptIn(fx, "+12015550142"));
    await t.db.update(contacts).set({ phone: null, erasedAt: new Date() }).where(eq(contacts.id, erased.contactId));
    const key = await createApiKey(t.db, { workspaceId: fx.workspace.id, name: "CRM sync", scopes: ["consents:read"] });
    await t.db.insert(auditLog).values([
      row(fx.workspace.id, "form.publish", "form", form!.id),
      row(fx.workspace.id, "contact.certificate", "contact", kept.contactId),
      row(fx.workspace.id, "contact.erase", "contact", erased.contactId),
      row(fx.workspace.id, "api-key.revoke", "api_key", key.id),
      // Another workspace's form id in this workspace's row: never named from the other workspace.
      row(fx.workspace.id, "form.publish", "form", foreignForm!.id),
      row(fx.workspace.id, "events.export", null, null),
      // A target id that is not a uuid, of a type that is not joined: read as it is, nothing cast.
      row(fx.workspace.id, "quality.rating", "quality_rating", "not-a-uuid"),
    ]);
    const { rows } = await listAuditEntries(t.db, fx.workspace.id);
    expect(rows.map((r) => [r.action, r.subject])).toEqual([
      ["quality.rating", null],
      ["events.export", null],
      ["form.publish", null],
      ["api-key.revoke", "CRM sync"],
      ["contact.erase", null],
      ["contact.certificate", "+12015550141"],
      ["form.publish", form!.name],
    ]);
    expect((await listAuditEntries(t.db, other.workspace.id)).rows).toEqual([]);
  });

  it("pages by keyset, fifty at a time, newest first", async () => {
    await t.db.insert(auditLog).values(Array.from({ length: AUDIT_PAGE_SIZE + 5 }, () => row(other.workspace.id, "ledger.verify", null, null)));
    const first = await listAuditEntries(t.db, other.workspace.id);
    expect(first.rows).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.nextBefore).toBe(first.rows.at(-1)!.id);
    const second = await listAuditEntries(t.db, other.workspace.id, first.nextBefore);
    expect(second.rows).toHaveLength(5);
    expect(second.nextBefore).toBeUndefined();
    expect(second.rows[0]!.id).toBeLessThan(first.rows.at(-1)!.id);
  });
});
