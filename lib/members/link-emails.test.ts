import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runWorkspaceAction, type ActionResult } from "../handlers/workspace-action";
import { checkCredentials } from "../auth/credentials";
import { auditLog } from "../db/schema/access";
import type { ActiveSession } from "../auth/staff-sessions";
import { upsertMember } from "../auth/users";
import { smtpMailer, type Mailer } from "../mail/mailer";
import { publicBaseUrl } from "../server/urls";
import { createLedgerFixture, type LedgerFixture } from "../../testing/fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { signedInMember, testMeta } from "../../testing/staff";
import { startTestSmtpServer, type TestSmtpServer } from "../../testing/smtp";
import { acceptInvitation, resetPassword } from "./accept";
import { linkActions } from "./actions";

const from = "Assent <no-reply@assent.test>";
const tokenIn = (text: string, kind: "invite" | "reset-password") => new RegExp(`/${kind}/([A-Za-z0-9_-]{43})`).exec(text)?.[1];

describe.each(testDatabaseKinds())("invitation and reset emails on %s", (kind) => {
  let db: TestDatabase;
  let fx: LedgerFixture;
  let admin: ActiveSession;
  let smtp: TestSmtpServer;
  let refusing: TestSmtpServer;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    fx = await createLedgerFixture(db.db);
    admin = await signedInMember(db.db, fx.workspace.id, "admin");
    [smtp, refusing] = await Promise.all([startTestSmtpServer(), startTestSmtpServer({ reject: true })]);
  });
  afterAll(async () => {
    await Promise.all([smtp?.close(), refusing?.close()]);
    await db?.drop();
  });

  const invite = (mailer: Mailer | null, email: string, role = "compliance") =>
    runWorkspaceAction(linkActions(() => mailer).inviteMember, db.db, admin, testMeta, { workspace: fx.workspace.slug, email, role });
  const resetLink = (mailer: Mailer | null, userId: string) =>
    runWorkspaceAction(linkActions(() => mailer).createPasswordResetLink, db.db, admin, testMeta, { workspace: fx.workspace.slug, userId });
  const member = async (email: string) =>
    (await upsertMember(db.db, { workspaceId: fx.workspace.id, email, name: "Member", role: "viewer", password: "the old password 1" })).user;
  const lastAudit = async (action: string) => {
    const rows = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, fx.workspace.id), eq(auditLog.action, action)));
    return rows.at(-1)!;
  };
  const linkOf = (result: ActionResult) => {
    expect(result.ok, result.ok ? "" : result.message).toBe(true);
    return result.ok ? (result.data as { url: string; delivery: string }) : { url: "", delivery: "" };
  };

  it("emails an invitation whose link lets the invitee join, and still shows the link", async () => {
    const result = await invite(smtpMailer(smtp.url, from), "ana@example.com");
    const { url, delivery } = linkOf(result);
    expect(delivery).toBe("sent");
    expect(result.message).toMatch(/^Invitation sent to ana@example\.com\. .*for 7 days/);
    expect(url.startsWith(`${publicBaseUrl()}/invite/`)).toBe(true);

    const [mail] = await smtp.waitFor(1);
    expect(mail).toMatchObject({ from: "no-reply@assent.test", to: ["ana@example.com"], subject: "You're invited to Test Shop on Assent as Compliance" });
    expect(mail!.body).toContain(url);
    expect(mail!.body).toMatch(/expires in 7 days/);
    expect(mail!.body).toMatch(/If you did not expect this email, ignore it/);

    const token = tokenIn(mail!.body, "invite")!;
    expect(await acceptInvitation(db.db, token, { newAccount: { name: "Ana", password: "ana's new password" } })).toEqual({
      workspaceSlug: fx.workspace.slug,
      email: "ana@example.com",
    });

    const audit = await lastAudit("member.invite");
    expect(audit.detail).toEqual({ email: "ana@example.com", role: "compliance", delivery: "sent" });
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it("emails a password reset link that sets a new password, and shows the admin no link", async () => {
    const user = await member("bo@example.com");
    const result = await resetLink(smtpMailer(smtp.url, from), user.id);
    expect(result).toEqual({ ok: true, message: "Password reset link sent to bo@example.com. Only they receive it; it works once, for 24 hours." });

    const mail = (await smtp.waitFor(2))[1]!;
    expect(mail).toMatchObject({ to: ["bo@example.com"], subject: "Reset your Assent password" });
    expect(mail.body).toMatch(/expires in 24 hours/);
    const token = tokenIn(mail.body, "reset-password")!;
    expect(mail.body).toContain(`${publicBaseUrl()}/reset-password/${token}`);

    await resetPassword(db.db, token, "bo's brand new password");
    expect(await checkCredentials(db.db, { email: "bo@example.com", password: "bo's brand new password", ip: "192.0.2.40" })).toMatchObject({ ok: true });
    const audit = await lastAudit("password.reset-link");
    expect(audit.detail).toEqual({ email: "bo@example.com", delivery: "sent" });
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it("when the SMTP server refuses, the invitation link still works and the admin is told to pass it on; no reset link is made", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const invited = await invite(smtpMailer(refusing.url, from), "cy@example.com", "viewer");
      expect(linkOf(invited).delivery).toBe("failed");
      expect(invited.message).toBe(
        "Invitation created, but the email to cy@example.com could not be sent. Pass this link on to them yourself; it works once, for 7 days.",
      );

      const user = await member("di@example.com");
      const reset = await resetLink(smtpMailer(refusing.url, from), user.id);
      expect(reset).toMatchObject({
        ok: false,
        code: "email_failed",
        message: "The password reset email to di@example.com could not be sent, so no link was made. Try again later.",
      });

      // The reason (relay names, codes) is for the server log, not the page.
      expect(logged).toHaveBeenCalledTimes(2);
      expect(String(logged.mock.calls[0]![1])).toMatch(/Mailbox unavailable/);
      expect(JSON.stringify([invited, reset])).not.toMatch(/550|Mailbox|relay|127\.0\.0\.1/);
      expect(refusing.received).toHaveLength(0);

      const inviteToken = tokenIn(linkOf(invited).url, "invite")!;
      expect(await acceptInvitation(db.db, inviteToken, { newAccount: { name: "Cy", password: "cy's own password" } })).toMatchObject({
        email: "cy@example.com",
      });
      expect(await checkCredentials(db.db, { email: "di@example.com", password: "the old password 1", ip: "192.0.2.41" })).toMatchObject({ ok: true });
      expect((await lastAudit("member.invite")).detail).toEqual({ email: "cy@example.com", role: "viewer", delivery: "failed" });
      expect((await lastAudit("password.reset-link")).detail).toEqual({ email: "di@example.com", delivery: "failed" });
    } finally {
      logged.mockRestore();
    }
  });

  it("without SMTP the invitation link is shown to pass on, a reset link is refused with the reason, and nothing is sent", async () => {
    const before = smtp.received.length;
    const invited = await invite(null, "ed@example.com", "marketer");
    expect(linkOf(invited).delivery).toBe("not_configured");
    expect(invited.message).toBe("Invitation created. Email is not configured, so pass this link on to ed@example.com yourself; it works once, for 7 days.");
    expect(await acceptInvitation(db.db, tokenIn(linkOf(invited).url, "invite")!, { newAccount: { name: "Ed", password: "ed's own password" } })).toMatchObject(
      { email: "ed@example.com" },
    );

    const user = await member("fay@example.com");
    const reset = await resetLink(null, user.id);
    expect(reset).toMatchObject({ ok: false, code: "email_not_configured" });
    expect(JSON.stringify(reset)).not.toMatch(/reset-password\//);
    expect((await lastAudit("member.invite")).detail).toEqual({ email: "ed@example.com", role: "marketer", delivery: "not_configured" });
    expect(smtp.received).toHaveLength(before);
  });

  it("sends nothing when the action is refused", async () => {
    const before = smtp.received.length;
    const viewer = await signedInMember(db.db, fx.workspace.id, "viewer");
    const owner = await signedInMember(db.db, fx.workspace.id, "owner");
    const mailer = smtpMailer(smtp.url, from);
    const asViewer = await runWorkspaceAction(linkActions(() => mailer).inviteMember, db.db, viewer, testMeta, {
      workspace: fx.workspace.slug,
      email: "gu@example.com",
      role: "viewer",
    });
    expect(asViewer).toMatchObject({ ok: false, code: "forbidden" });
    expect(await invite(mailer, "gu@example.com", "owner")).toMatchObject({ ok: false, code: "forbidden" });
    expect(await resetLink(mailer, owner.user.id)).toMatchObject({ ok: false, code: "forbidden" });
    expect(await invite(mailer, "not an address")).toMatchObject({ ok: false, code: "validation_failed" });
    expect(smtp.received).toHaveLength(before);
  });
});
