import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runWorkspaceAction, type ActionResult } from "../handlers/workspace-action";
import { checkCredentials } from "../auth/credentials";
import { apiKeys, auditLog, passwordResets } from "../db/schema/access";
import { createStaffSession, findActiveSession, type ActiveSession } from "../auth/staff-sessions";
import { upsertMember, type User } from "../auth/users";
import { smtpMailer, type Mailer } from "../mail/mailer";
import { createWorkspaceApiKey } from "../api-keys/actions";
import { createLedgerFixture, type LedgerFixture } from "../../testing/fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { signedInMember, testMeta } from "../../testing/staff";
import { startTestSmtpServer, type TestSmtpServer } from "../../testing/smtp";
import type { Role } from "../auth/roles";
import { resetPassword } from "./accept";
import { changeMemberRole, linkActions } from "./actions";

const from = "Assent <no-reply@assent.test>";
const resetTokenIn = (text: string) => /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];
const victimPassword = "the victim's own password";
const attackerPassword = "chosen by the attacker 1";

/**
 * Accounts are global: the admin of one workspace must not be able to take over an account that holds rights in
 * a workspace the admin does not manage. Issue 16, item 1, replayed as the attacker did it.
 */
describe.each(testDatabaseKinds())("account takeover across workspaces on %s", (kind) => {
  let db: TestDatabase;
  let demo: LedgerFixture;
  let beta: LedgerFixture;
  let demoAdmin: ActiveSession;
  let smtp: TestSmtpServer;
  let counter = 0;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    [demo, beta] = [await createLedgerFixture(db.db, `demo-${kind}`), await createLedgerFixture(db.db, `beta-${kind}`)];
    demoAdmin = await signedInMember(db.db, demo.workspace.id, "admin");
    smtp = await startTestSmtpServer();
  });
  afterAll(async () => {
    await smtp?.close();
    await db?.drop();
  });

  /** An account with a password and the given role in each workspace. */
  async function account(rolesIn: [LedgerFixture, Role][]): Promise<User> {
    const email = `person-${++counter}@example.com`;
    let user: User | undefined;
    for (const [fx, role] of rolesIn)
      user = (await upsertMember(db.db, { workspaceId: fx.workspace.id, email, name: `Person ${counter}`, role, password: victimPassword })).user;
    return user!;
  }
  const resetLink = (actor: ActiveSession, mailer: Mailer | null, fx: LedgerFixture, userId: string) =>
    runWorkspaceAction(linkActions(() => mailer).createPasswordResetLink, db.db, actor, testMeta, { workspace: fx.workspace.slug, userId });
  const auditOf = (fx: LedgerFixture, action: string, targetId: string) =>
    db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, fx.workspace.id), eq(auditLog.action, action), eq(auditLog.targetId, targetId)));
  const resetsOf = (userId: string) => db.db.select().from(passwordResets).where(eq(passwordResets.userId, userId));

  /**
   * The attack: ask for a reset link for the victim (with email configured and without), use any link the answer
   * reveals to set a password of the attacker's choosing, sign in with it, and make an exports API key in beta.
   */
  async function attemptTakeover(victim: User) {
    const answers: ActionResult[] = [];
    for (const mailer of [smtpMailer(smtp.url, from), null]) answers.push(await resetLink(demoAdmin, mailer, demo, victim.id));
    const leaked = answers.map((a) => resetTokenIn(JSON.stringify(a))).find(Boolean);
    if (leaked) await resetPassword(db.db, leaked, attackerPassword);
    const signIn = await checkCredentials(db.db, { email: victim.email, password: attackerPassword, ip: "203.0.113.66" });
    let keyMade = false;
    if (signIn.ok) {
      const session = await findActiveSession(db.db, await createStaffSession(db.db, { userId: signIn.userId }));
      const made = await runWorkspaceAction(createWorkspaceApiKey, db.db, session, testMeta, {
        workspace: beta.workspace.slug,
        name: "exfil",
        scopes: ["exports:create"],
      });
      keyMade = made.ok;
    }
    return { answers, leaked: Boolean(leaked), signedIn: signIn.ok, keyMade };
  }

  it("the admin of demo cannot take over someone who is a viewer in demo and owner of beta", async () => {
    const mailsBefore = smtp.received.length;
    const victim = await account([
      [demo, "viewer"],
      [beta, "owner"],
    ]);
    const outcome = await attemptTakeover(victim);
    expect(outcome.leaked, "a reset link reached the admin").toBe(false);
    expect(outcome.signedIn, "the admin signed in as the victim").toBe(false);
    expect(outcome.keyMade, "an API key was made in beta as the victim").toBe(false);
    expect(outcome.answers[0]).toMatchObject({ ok: false, code: "forbidden" });
    expect(outcome.answers[0]!.message).not.toContain(beta.workspace.slug);
    expect(outcome.answers[1]).toMatchObject({ ok: false, code: "email_not_configured" });
    // Nothing was made or sent, and the victim's own password still works.
    expect(await resetsOf(victim.id)).toEqual([]);
    expect(smtp.received.length).toBe(mailsBefore);
    expect(await checkCredentials(db.db, { email: victim.email, password: victimPassword, ip: "203.0.113.67" })).toMatchObject({ ok: true });
    expect(await db.db.select().from(apiKeys).where(eq(apiKeys.workspaceId, beta.workspace.id))).toEqual([]);
  });

  it("an admin may not reset another admin, an owner may; an admin of both may reset a viewer of both", async () => {
    const otherAdmin = await account([[demo, "admin"]]);
    expect(await resetLink(demoAdmin, smtpMailer(smtp.url, from), demo, otherAdmin.id)).toMatchObject({ ok: false, code: "forbidden" });
    const owner = await signedInMember(db.db, demo.workspace.id, "owner");
    expect(await resetLink(owner, smtpMailer(smtp.url, from), demo, otherAdmin.id)).toMatchObject({ ok: true });
    // The same viewer in beta, where demo's admin is no member: refused; once the admin is admin there too, allowed.
    const viewer = await account([
      [demo, "viewer"],
      [beta, "viewer"],
    ]);
    expect(await resetLink(demoAdmin, smtpMailer(smtp.url, from), demo, viewer.id)).toMatchObject({ ok: false, code: "forbidden" });
    await upsertMember(db.db, { workspaceId: beta.workspace.id, email: demoAdmin.user.email, name: demoAdmin.user.name, role: "admin" });
    try {
      expect(await resetLink(demoAdmin, smtpMailer(smtp.url, from), demo, viewer.id)).toMatchObject({ ok: true });
    } finally {
      await upsertMember(db.db, { workspaceId: beta.workspace.id, email: demoAdmin.user.email, name: demoAdmin.user.name, role: "viewer" });
    }
  });

  it("a reset link goes only to the account's own email, and the reset is in the audit log of every workspace it belongs to", async () => {
    const viewer = await account([
      [demo, "viewer"],
      [beta, "marketer"],
    ]);
    const owner = await signedInMember(db.db, demo.workspace.id, "owner");
    await upsertMember(db.db, { workspaceId: beta.workspace.id, email: owner.user.email, name: owner.user.name, role: "owner" });
    const before = smtp.received.length;
    const answer = await resetLink(owner, smtpMailer(smtp.url, from), demo, viewer.id);
    expect(answer).toEqual({ ok: true, message: `Password reset link sent to ${viewer.email}. Only they receive it; it works once, for 24 hours.` });
    const mail = (await smtp.waitFor(before + 1))[before]!;
    expect(mail.to).toEqual([viewer.email]);
    const token = resetTokenIn(mail.body)!;
    expect(JSON.stringify(answer)).not.toContain(token);

    const [inDemo] = await auditOf(demo, "password.reset-link", viewer.id);
    const [inBeta] = await auditOf(beta, "password.reset-link", viewer.id);
    expect(inDemo).toMatchObject({ actorUserId: owner.user.id, detail: { email: viewer.email, delivery: "sent" } });
    expect(inBeta).toMatchObject({ actorUserId: owner.user.id, detail: { email: viewer.email, delivery: "sent", fromWorkspace: demo.workspace.slug } });

    await resetPassword(db.db, token, "the viewer's new password", { ...testMeta, ip: "192.0.2.77" });
    for (const fx of [demo, beta]) {
      const [used] = await auditOf(fx, "password.reset", viewer.id);
      expect(used).toMatchObject({ actorUserId: viewer.id, ip: "192.0.2.77", detail: { email: viewer.email, linkMadeBy: owner.user.email } });
    }
  });

  it("a role change in one workspace is written to every workspace the account belongs to", async () => {
    const person = await account([
      [demo, "viewer"],
      [beta, "compliance"],
    ]);
    expect(
      await runWorkspaceAction(changeMemberRole, db.db, demoAdmin, testMeta, { workspace: demo.workspace.slug, userId: person.id, role: "marketer" }),
    ).toMatchObject({ ok: true });
    expect(await auditOf(demo, "member.role", person.id)).toMatchObject([{ detail: { from: "viewer", to: "marketer" } }]);
    expect(await auditOf(beta, "member.role", person.id)).toMatchObject([
      { actorUserId: demoAdmin.user.id, detail: { from: "viewer", to: "marketer", fromWorkspace: demo.workspace.slug } },
    ]);
  });

  it("without email, or when it fails, no reset link is made and the admin is told why", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const refusing = await startTestSmtpServer({ reject: true });
    try {
      const viewer = await account([[demo, "viewer"]]);
      const none = await resetLink(demoAdmin, null, demo, viewer.id);
      expect(none).toMatchObject({ ok: false, code: "email_not_configured" });
      expect(none.message).toMatch(/only to the member's own email address.*SMTP_URL/);
      const failed = await resetLink(demoAdmin, smtpMailer(refusing.url, from), demo, viewer.id);
      expect(failed).toMatchObject({
        ok: false,
        code: "email_failed",
        message: `The password reset email to ${viewer.email} could not be sent, so no link was made. Try again later.`,
      });
      expect(await resetsOf(viewer.id)).toEqual([]);
      expect(await auditOf(demo, "password.reset-link", viewer.id)).toMatchObject([{ detail: { delivery: "failed" } }]);
    } finally {
      await refusing.close();
      logged.mockRestore();
    }
  });
});
