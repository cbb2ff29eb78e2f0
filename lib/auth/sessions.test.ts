import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staffSessions } from "../db/schema/access";
import { memberships, users } from "../db/schema/workspaces";
import { createStaffSession, findActiveSession, revokeStaffSession } from "./staff-sessions";
import { upsertMember } from "./users";
import { createLedgerFixture, type LedgerFixture } from "../../testing/fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { signedInMember } from "../../testing/staff";
import { checkCredentials } from "./credentials";
import { authorizeWorkspace } from "./guards";
import { sessionPolicy } from "./session-policy";

describe.each(testDatabaseKinds())("sign-in and sessions on %s", (kind) => {
  let db: TestDatabase;
  let fx: LedgerFixture;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    fx = await createLedgerFixture(db.db);
  });
  afterAll(() => db?.drop());

  it("accepts the right password and gives the same answer for a wrong password and an unknown email", async () => {
    await upsertMember(db.db, { workspaceId: fx.workspace.id, email: "Ana@Example.com", name: "Ana", role: "viewer", password: "a long enough password" });
    expect(await checkCredentials(db.db, { email: "ana@example.com", password: "a long enough password", ip: "192.0.2.1" })).toMatchObject({ ok: true });
    expect(await checkCredentials(db.db, { email: "ana@example.com", password: "wrong", ip: "192.0.2.1" })).toEqual({ ok: false, reason: "invalid" });
    expect(await checkCredentials(db.db, { email: "nobody@example.com", password: "wrong", ip: "192.0.2.1" })).toEqual({ ok: false, reason: "invalid" });
  });

  it("throttles a network that guesses across many accounts", async () => {
    // Every attempt in the same limit windows (one second into the hour, where every window starts): a run that
    // crossed a window's end at the real time counted its guesses in two windows and was not throttled.
    const now = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 + 1_000);
    for (let i = 0; i < 30; i++) await checkCredentials(db.db, { email: `spray-${i}@example.com`, password: "123456", ip: "203.0.113.66", now });
    await upsertMember(db.db, { workspaceId: fx.workspace.id, email: "cy@example.com", name: "Cy", role: "viewer", password: "cy's good password" });
    expect(await checkCredentials(db.db, { email: "cy@example.com", password: "cy's good password", ip: "203.0.113.66", now })).toMatchObject({
      reason: "throttled",
    });
    expect(await checkCredentials(db.db, { email: "cy@example.com", password: "cy's good password", ip: "203.0.113.67", now })).toMatchObject({ ok: true });
  });

  it("ends sessions on sign-out, idleness, the absolute limit and deactivation", async () => {
    const member = await signedInMember(db.db, fx.workspace.id, "compliance");
    const now = new Date();
    const idle = new Date(now.getTime() + (sessionPolicy.idleMinutes + 1) * 60_000);
    expect(await findActiveSession(db.db, member.sessionId, now)).not.toBeNull();
    expect(await findActiveSession(db.db, member.sessionId, idle)).toBeNull();

    const busy = await createStaffSession(db.db, { userId: member.user.id });
    // Active every half hour for longer than the absolute limit: still ends.
    let at = Date.now();
    const end = at + (sessionPolicy.absoluteHours + 1) * 3_600_000;
    let alive = true;
    while (at < end && alive) {
      at += 30 * 60_000;
      alive = (await findActiveSession(db.db, busy, new Date(at))) !== null;
    }
    expect(alive).toBe(false);
    expect(at).toBeGreaterThan(Date.now() + sessionPolicy.absoluteHours * 3_600_000 - 31 * 60_000);

    const signedOut = await createStaffSession(db.db, { userId: member.user.id });
    await revokeStaffSession(db.db, signedOut);
    expect(await findActiveSession(db.db, signedOut)).toBeNull();

    const live = await createStaffSession(db.db, { userId: member.user.id });
    await db.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, member.user.id));
    expect(await findActiveSession(db.db, live)).toBeNull();
    expect(await db.db.select().from(staffSessions).where(eq(staffSessions.id, live))).toHaveLength(1);
  });

  it("applies a role change or removal on the very next request", async () => {
    const member = await signedInMember(db.db, fx.workspace.id, "compliance");
    await expect(authorizeWorkspace(db.db, member, fx.workspace.slug, "exports:create")).resolves.toMatchObject({ role: "compliance" });
    const where = and(eq(memberships.workspaceId, fx.workspace.id), eq(memberships.userId, member.user.id));
    await db.db.update(memberships).set({ role: "marketer" }).where(where);
    await expect(authorizeWorkspace(db.db, member, fx.workspace.slug, "exports:create")).rejects.toMatchObject({ code: "forbidden" });
    await db.db.delete(memberships).where(where);
    await expect(authorizeWorkspace(db.db, member, fx.workspace.slug, "contacts:read")).rejects.toMatchObject({ code: "not_found" });
    await expect(authorizeWorkspace(db.db, null, fx.workspace.slug, "contacts:read")).rejects.toMatchObject({ code: "unauthenticated" });
  });
});
