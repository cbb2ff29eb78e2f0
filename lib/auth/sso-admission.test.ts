import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, invitations } from "../db/schema/access";
import { memberships, users } from "../db/schema/workspaces";
import { findUserByEmail, upsertMember } from "./users";
import { createLedgerFixture, type LedgerFixture } from "../../testing/fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { admitSsoIdentity } from "./sso-admission";

describe.each(testDatabaseKinds())("single sign-on admission on %s", (kind) => {
  let db: TestDatabase;
  let fx: LedgerFixture;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    fx = await createLedgerFixture(db.db);
  });
  afterAll(() => db?.drop());

  const invite = (email: string, role: "viewer" | "compliance", expiresInMs = 86_400_000) =>
    db.db
      .insert(invitations)
      .values({ workspaceId: fx.workspace.id, email, role, tokenHash: crypto.randomUUID(), expiresAt: new Date(Date.now() + expiresInMs) });

  it("admits an active account by its verified email, in any case", async () => {
    const { user } = await upsertMember(db.db, { workspaceId: fx.workspace.id, email: "ana@example.com", name: "Ana", role: "viewer" });
    expect(await admitSsoIdentity(db.db, { email: "Ana@Example.com", email_verified: true })).toEqual({ ok: true, userId: user.id });
  });

  it("refuses an email the provider does not say it verified, even one with an account", async () => {
    expect(await admitSsoIdentity(db.db, { email: "ana@example.com", email_verified: false })).toEqual({ ok: false, reason: "unverified_email" });
    expect(await admitSsoIdentity(db.db, { email: "ana@example.com" })).toEqual({ ok: false, reason: "unverified_email" });
    expect(await admitSsoIdentity(db.db, { email_verified: true })).toEqual({ ok: false, reason: "unverified_email" });
  });

  it("refuses a deactivated account and an address with neither account nor open invitation", async () => {
    const { user } = await upsertMember(db.db, { workspaceId: fx.workspace.id, email: "gone@example.com", name: "Gone", role: "viewer" });
    await db.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
    expect(await admitSsoIdentity(db.db, { email: "gone@example.com", email_verified: true })).toEqual({ ok: false, reason: "deactivated" });
    await invite("late@example.com", "viewer", -1000);
    expect(await admitSsoIdentity(db.db, { email: "late@example.com", email_verified: true })).toEqual({ ok: false, reason: "not_invited" });
    expect(await admitSsoIdentity(db.db, { email: "stranger@example.com", email_verified: "true" })).toEqual({ ok: false, reason: "not_invited" });
    expect(await findUserByEmail(db.db, "stranger@example.com")).toBeUndefined();
  });

  it("accepts open invitations for a verified email: account without password, membership, audit row, once", async () => {
    await invite("new@example.com", "viewer");
    await invite("new@example.com", "compliance");
    const admitted = await admitSsoIdentity(db.db, { email: "new@example.com", email_verified: true, name: "Nia New" });
    expect(admitted.ok).toBe(true);
    const user = await findUserByEmail(db.db, "new@example.com");
    expect(user).toMatchObject({ name: "Nia New", passwordHash: null });
    const [membership] = await db.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.workspaceId, fx.workspace.id), eq(memberships.userId, user!.id)));
    expect(membership?.role).toBe("compliance");
    const open = await db.db.select().from(invitations).where(eq(invitations.email, "new@example.com"));
    expect(open.every((i) => i.acceptedAt !== null)).toBe(true);
    const joins = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorUserId, user!.id), eq(auditLog.action, "member.join")))
      .orderBy(auditLog.id);
    expect(joins.map((j) => j.detail)).toEqual([
      { role: "viewer", via: "sso" },
      { role: "compliance", via: "sso" },
    ]);
    expect(await admitSsoIdentity(db.db, { email: "new@example.com", email_verified: true })).toEqual(admitted);
  });
});
