import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkCredentials } from "../auth/credentials";
import { passwordResets } from "../db/schema/access";
import { users } from "../db/schema/workspaces";
import { upsertMember } from "../auth/users";
import { smtpMailer, type Mailer } from "../mail/mailer";
import type { RequestMeta } from "../server/request-meta";
import { createLedgerFixture, type LedgerFixture } from "../../testing/fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { startTestSmtpServer, type TestSmtpServer } from "../../testing/smtp";
import { resetPassword } from "./accept";
import { requestPasswordReset, resetByEmailUnavailable, resetRequestedMessage } from "./forgot-password";

describe.each(testDatabaseKinds())("forgot password on %s", (kind) => {
  let db: TestDatabase;
  let fx: LedgerFixture;
  let smtp: TestSmtpServer;
  let mailer: Mailer;
  let network = 0;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    fx = await createLedgerFixture(db.db);
    smtp = await startTestSmtpServer();
    mailer = smtpMailer(smtp.url, "Assent <no-reply@assent.test>");
  });
  afterAll(async () => {
    await smtp?.close();
    await db?.drop();
  });

  /** Asks as a browser would, then runs what the app leaves for after the response. */
  async function ask(email: string, options: { meta?: RequestMeta; mailer?: Mailer | null } = {}) {
    const meta = options.meta ?? { ip: `192.0.2.${++network}`, userAgent: "vitest", requestId: "forgot-test" };
    const later: Promise<void>[] = [];
    const state = await requestPasswordReset(db.db, meta, { email }, options.mailer === undefined ? mailer : options.mailer, (task) => later.push(task()));
    return { state, later };
  }
  const member = (email: string) =>
    upsertMember(db.db, { workspaceId: fx.workspace.id, email, name: "Member", role: "viewer", password: "the old password 1" });

  it("emails a known address a link that resets its password", async () => {
    await member("ana@example.com");
    const { state, later } = await ask(" Ana@Example.com ");
    expect(state).toEqual({ fields: {}, email: "ana@example.com", sent: true, message: resetRequestedMessage });
    await Promise.all(later);
    const [mail] = await smtp.waitFor(1);
    expect(mail).toMatchObject({ to: ["ana@example.com"], subject: "Reset your Assent password" });
    const token = /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(mail!.body)![1]!;
    await resetPassword(db.db, token, "ana's brand new password");
    expect(await checkCredentials(db.db, { email: "ana@example.com", password: "ana's brand new password", ip: "198.51.100.9" })).toMatchObject({ ok: true });
  });

  it("answers an unknown or deactivated address the same way, and sends nothing", async () => {
    const { user } = await member("gone@example.com");
    await db.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
    const before = smtp.received.length;
    const resetsBefore = (await db.db.select().from(passwordResets)).length;
    for (const email of ["nobody@example.com", "gone@example.com"]) {
      const { state, later } = await ask(email);
      expect(state).toEqual({ fields: {}, email, sent: true, message: resetRequestedMessage });
      await Promise.all(later);
    }
    expect(smtp.received).toHaveLength(before);
    expect(await db.db.select().from(passwordResets)).toHaveLength(resetsBefore);
  });

  it("limits requests per address, from any network, and per network, for any address", async () => {
    for (let i = 0; i < 3; i++) expect((await ask("flood@example.com")).state.sent).toBe(true);
    const fourth = await ask("flood@example.com");
    expect(fourth.state).toMatchObject({ message: expect.stringMatching(/^Too many reset requests/) });
    expect(fourth.later).toHaveLength(0);

    const meta = { ip: "203.0.113.80", userAgent: "vitest", requestId: "forgot-test" };
    for (let i = 0; i < 10; i++) expect((await ask(`walk-${i}@example.com`, { meta })).state.sent).toBe(true);
    expect((await ask("walk-10@example.com", { meta })).state).toMatchObject({ message: expect.stringMatching(/^Too many reset requests/) });
    expect((await ask("walk-10@example.com")).state.sent).toBe(true);
  });

  it("refuses a bad address with a field message, and is unavailable without SMTP", async () => {
    expect((await ask("not an address")).state).toMatchObject({ fields: { email: "Enter a valid email address." } });
    expect((await ask("ana@example.com", { mailer: null })).state).toEqual({ fields: {}, email: "ana@example.com", message: resetByEmailUnavailable });
  });
});
