import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runWorkspaceAction } from "../handlers/workspace-action";
import { apiKeys, auditLog } from "../db/schema/access";
import { listApiKeys } from "./queries";
import type { ActiveSession } from "../auth/staff-sessions";
import { sha256Hex } from "../security/digest";
import { createLedgerFixture, type LedgerFixture } from "../../testing/fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { signedInMember, testMeta } from "../../testing/staff";
import { createWorkspaceApiKey, revokeWorkspaceApiKey, setWorkspaceApiKeyLimit } from "./actions";
import { authenticateApiRequest } from "./authenticate";

describe.each(testDatabaseKinds())("API keys on %s", (kind) => {
  let db: TestDatabase;
  let fx: LedgerFixture;
  let other: LedgerFixture;
  let admin: ActiveSession;
  const create = (input: Record<string, unknown>, session = admin, slug = fx.workspace.slug) =>
    runWorkspaceAction(createWorkspaceApiKey, db.db, session, testMeta, { workspace: slug, ...input });
  const revoke = (apiKeyId: string, session = admin, slug = fx.workspace.slug) =>
    runWorkspaceAction(revokeWorkspaceApiKey, db.db, session, testMeta, { workspace: slug, apiKeyId });
  const setLimit = (apiKeyId: string, rateLimitPerMinute: unknown, session = admin, slug = fx.workspace.slug) =>
    runWorkspaceAction(setWorkspaceApiKeyLimit, db.db, session, testMeta, { workspace: slug, apiKeyId, rateLimitPerMinute });
  const audits = (action: string) =>
    db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, fx.workspace.id), eq(auditLog.action, action)));

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    fx = await createLedgerFixture(db.db);
    other = await createLedgerFixture(db.db);
    admin = await signedInMember(db.db, fx.workspace.id, "admin");
  });
  afterAll(() => db?.drop());

  it("bad input gives a field list and creates nothing", async () => {
    const result = await create({ name: " ", scopes: [] });
    expect(result).toMatchObject({ ok: false, code: "validation_failed" });
    if (result.ok) return;
    expect(result.fields.map((f) => f.field).sort()).toEqual(["name", "scopes"]);
    expect(await create({ name: "CRM", scopes: ["admin:everything"] })).toMatchObject({ ok: false, fields: [{ field: "scopes.0" }] });
    expect(await listApiKeys(db.db, fx.workspace.id)).toHaveLength(0);
  });

  it("refuses a limit that is not a whole number of requests 1..1,000,000, naming the field, and creates nothing", async () => {
    for (const [bad, message] of [
      ["0", /at least 1/i],
      ["1000001", /at most 1,000,000/i],
      ["1.5", /whole number/i],
      ["abc", /enter a number/i],
      ["1,5", /enter a number/i],
    ] as const) {
      const result = await create({ name: "CRM", scopes: ["consents:read"], rateLimitPerMinute: bad });
      expect(result, bad).toMatchObject({ ok: false, code: "validation_failed" });
      if (result.ok) continue;
      expect(result.fields, bad).toEqual([expect.objectContaining({ field: "rateLimitPerMinute", message: expect.stringMatching(message) })]);
    }
    expect(await listApiKeys(db.db, fx.workspace.id)).toHaveLength(0);
    expect(await audits("api-key.create")).toHaveLength(0);
  });

  it("stores a key's own limit, or null for the default, and lists it", async () => {
    // A workspace of its own: the tests below expect this one to have a single key.
    const own = await createLedgerFixture(db.db);
    const ownAdmin = await signedInMember(db.db, own.workspace.id, "admin");
    for (const [typed, stored] of [
      ["250", 250],
      ["6,000", 6000],
      [" ", null],
      [undefined, null],
    ] as const) {
      const result = await create({ name: `Limit ${stored}`, scopes: ["consents:read"], rateLimitPerMinute: typed }, ownAdmin, own.workspace.slug);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const { id } = result.data as { id: string };
      const [row] = await db.db.select({ limit: apiKeys.rateLimitPerMinute }).from(apiKeys).where(eq(apiKeys.id, id));
      expect(row!.limit, String(typed)).toBe(stored);
      const listed = (await listApiKeys(db.db, own.workspace.id)).find((k) => k.id === id);
      expect(listed!.rateLimitPerMinute).toBe(stored);
      const [entry] = await db.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.targetId, id), eq(auditLog.action, "api-key.create")));
      expect(entry!.detail).toMatchObject({ rateLimitPerMinute: stored });
    }
  });

  it("shows the key once and stores only its hash", async () => {
    const result = await create({ name: "CRM production", scopes: ["consents:read", "consents:write", "consents:read"] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { id, key, prefix } = result.data as { id: string; key: string; prefix: string };
    expect(key).toMatch(/^ask_[\w-]{32}$/);
    expect(key.startsWith(prefix)).toBe(true);

    const [stored] = await db.db.select().from(apiKeys).where(eq(apiKeys.id, id));
    expect(stored).toMatchObject({
      workspaceId: fx.workspace.id,
      name: "CRM production",
      keyHash: sha256Hex(key),
      scopes: ["consents:read", "consents:write"],
      createdBy: admin.user.id,
    });
    expect(JSON.stringify(stored)).not.toContain(key);

    // The list, the audit row and the page never carry the key again.
    const listed = await listApiKeys(db.db, fx.workspace.id);
    expect(listed).toEqual([expect.objectContaining({ id, prefix, lastUsedAt: null, revokedAt: null })]);
    expect(JSON.stringify(listed)).not.toContain(key);
    expect(listed[0]).not.toHaveProperty("keyHash");
    const [entry] = await audits("api-key.create");
    expect(entry).toMatchObject({
      targetType: "api_key",
      targetId: id,
      detail: { name: "CRM production", prefix, scopes: ["consents:read", "consents:write"] },
    });
    expect(JSON.stringify(entry)).not.toContain(key);
  });

  it("revokes a key of its own workspace, once, with an audit row", async () => {
    const [key] = await listApiKeys(db.db, fx.workspace.id);
    expect(await revoke(key!.id)).toMatchObject({ ok: true });
    const [stored] = await db.db.select().from(apiKeys).where(eq(apiKeys.id, key!.id));
    expect(stored!.revokedAt).toBeInstanceOf(Date);
    const firstRevokedAt = stored!.revokedAt;

    expect(await revoke(key!.id)).toMatchObject({ ok: true, message: expect.stringMatching(/already revoked/) });
    const [again] = await db.db.select().from(apiKeys).where(eq(apiKeys.id, key!.id));
    expect(again!.revokedAt).toEqual(firstRevokedAt);
    expect(await audits("api-key.revoke")).toEqual([expect.objectContaining({ targetId: key!.id, detail: { name: "CRM production", prefix: key!.prefix } })]);
  });

  it("cannot revoke another workspace's key, even by its id", async () => {
    const otherAdmin = await signedInMember(db.db, other.workspace.id, "admin");
    const made = await create({ name: "Theirs", scopes: ["events:read"] }, otherAdmin, other.workspace.slug);
    const theirs = (made.ok && (made.data as { id: string }).id) as string;

    // An admin here naming the other workspace's key: not found, and the key still works.
    expect(await revoke(theirs)).toMatchObject({ ok: false, code: "not_found" });
    // An admin here naming the other workspace: not a member there.
    expect(await revoke(theirs, admin, other.workspace.slug)).toMatchObject({ ok: false, code: "not_found" });
    const [stored] = await db.db.select().from(apiKeys).where(eq(apiKeys.id, theirs));
    expect(stored!.revokedAt).toBeNull();
  });

  it("is for owners and admins only", async () => {
    const [key] = await listApiKeys(db.db, fx.workspace.id);
    for (const role of ["marketer", "compliance", "viewer"] as const) {
      const session = await signedInMember(db.db, fx.workspace.id, role);
      expect(await create({ name: "Mine", scopes: ["exports"] }, session)).toMatchObject({ ok: false, code: "forbidden" });
      expect(await create({ name: "Mine", scopes: ["exports"], rateLimitPerMinute: "100000" }, session)).toMatchObject({ ok: false, code: "forbidden" });
      expect(await revoke(key!.id, session)).toMatchObject({ ok: false, code: "forbidden" });
    }
  });

  it("changes a live key's limit in place: it applies to the key's next request, is audited, and bad input changes nothing", async () => {
    const own = await createLedgerFixture(db.db);
    const ownAdmin = await signedInMember(db.db, own.workspace.id, "admin");
    const made = await create({ name: "Campaigns", scopes: ["consents:read"] }, ownAdmin, own.workspace.slug);
    if (!made.ok) throw new Error(made.message);
    const { id, key } = made.data as { id: string; key: string };
    const now = new Date("2026-12-04T10:00:30Z");
    const check = () =>
      authenticateApiRequest(
        db.db,
        new Request("http://assent.test/api/v1/consent-checks", { headers: { authorization: `Bearer ${key}` } }),
        testMeta,
        "consents:read",
        now,
      );
    expect((await check()).rateLimit.limit).toBe(6000);

    expect(await setLimit(id, "2", ownAdmin, own.workspace.slug)).toMatchObject({
      ok: true,
      message: expect.stringMatching(/may now make 2 requests a minute/),
    });
    // The key's second request this minute is its last.
    expect((await check()).rateLimit).toMatchObject({ limit: 2, remaining: 0 });
    await expect(check()).rejects.toMatchObject({ status: 429, limit: 2 });
    const [entry] = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, own.workspace.id), eq(auditLog.action, "api-key.limit")));
    expect(entry).toMatchObject({ targetId: id, detail: { name: "Campaigns", from: null, to: 2 } });

    for (const bad of ["0", "1000001", "lots"]) {
      expect(await setLimit(id, bad, ownAdmin, own.workspace.slug), bad).toMatchObject({ ok: false, fields: [{ field: "rateLimitPerMinute" }] });
    }
    expect((await listApiKeys(db.db, own.workspace.id))[0]!.rateLimitPerMinute).toBe(2);
    // Blank is the default again; the same value twice is no change and no second audit entry.
    expect(await setLimit(id, "", ownAdmin, own.workspace.slug)).toMatchObject({ ok: true, message: expect.stringMatching(/the default, 6,000/) });
    expect(await setLimit(id, "", ownAdmin, own.workspace.slug)).toMatchObject({ ok: true, message: expect.stringMatching(/already has that limit/) });
    expect((await check()).rateLimit.limit).toBe(6000);
    expect(
      await db.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.workspaceId, own.workspace.id), eq(auditLog.action, "api-key.limit"))),
    ).toHaveLength(2);

    // Another workspace's admin, a marketer here, or a revoked key: refused, nothing changes.
    expect(await setLimit(id, "5")).toMatchObject({ ok: false, code: "not_found" });
    const marketer = await signedInMember(db.db, own.workspace.id, "marketer");
    expect(await setLimit(id, "5", marketer, own.workspace.slug)).toMatchObject({ ok: false, code: "forbidden" });
    await revoke(id, ownAdmin, own.workspace.slug);
    expect(await setLimit(id, "5", ownAdmin, own.workspace.slug)).toMatchObject({ ok: false, code: "api_key_revoked" });
    expect((await listApiKeys(db.db, own.workspace.id))[0]!.rateLimitPerMinute).toBeNull();
  });
});
