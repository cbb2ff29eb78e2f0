import { describe, expect, it } from "vitest";
import { invitationEmail, passwordResetEmail } from "./templates";

const expiresAt = new Date("2026-12-02T14:30:00Z");

describe("email templates", () => {
  it("invitation: business, role, link, expiry and the line for the unexpected, in both parts", () => {
    const mail = invitationEmail({
      to: "ana@example.com",
      businessName: "Acme\r\nBcc: victim@example.com <b>Coffee</b> & Co",
      role: "compliance",
      roleDescription: "Contacts, evidence & exports.",
      invitedBy: 'Olga "O" <script>alert(1)</script>',
      url: "https://assent.example/invite/abc?x=1&y=2",
      validFor: "7 days",
      expiresAt,
    });
    expect(mail.subject).toBe("You're invited to Acme Bcc: victim@example.com <b>Coffee</b> & Co on Assent as Compliance");
    expect(mail.subject).not.toMatch(/[\r\n]/);
    for (const part of [mail.text, mail.html]) {
      expect(part).toMatch(/expires in 7 days, on 2 Dec 2026, 14:30 UTC/);
      expect(part).toMatch(/If you did not expect this email, ignore it/);
    }
    expect(mail.text).toContain("https://assent.example/invite/abc?x=1&y=2");
    expect(mail.html).toContain('href="https://assent.example/invite/abc?x=1&amp;y=2"');
    expect(mail.html).toContain("&lt;b&gt;Coffee&lt;/b&gt; &amp; Co");
    expect(mail.html).toContain("Olga &quot;O&quot; &lt;script&gt;");
    expect(mail.html).not.toMatch(/<script|<b>/);
  });

  it("password reset: subject, link and a 24-hour expiry", () => {
    const mail = passwordResetEmail({ to: "bo@example.com", url: "https://assent.example/reset-password/xyz", validFor: "24 hours", expiresAt });
    expect(mail).toMatchObject({ to: "bo@example.com", subject: "Reset your Assent password" });
    expect(mail.text).toContain("https://assent.example/reset-password/xyz");
    expect(mail.text).toMatch(/expires in 24 hours/);
    expect(mail.html).toContain('href="https://assent.example/reset-password/xyz"');
  });
});
