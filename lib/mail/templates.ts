import type { MailMessage } from "./mailer";

import { escapeHtml } from "../security/escape-html";

const expiryFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

// Names come from people (a business name, a member's name): keep them on one line in subjects and sentences.
const oneLine = (value: string) => value.replace(/\s+/g, " ").trim();

type Letter = {
  to: string;
  subject: string;
  paragraphs: string[];
  link: { label: string; url: string; validFor: string; expiresAt: Date };
};

/** One message as plain text and as simple HTML, every piece of text escaped in the HTML part. */
function compose({ to, subject, paragraphs, link }: Letter): MailMessage {
  const expiry = `The link works once and expires in ${link.validFor}, on ${expiryFormat.format(link.expiresAt)} UTC.`;
  const unexpected = "If you did not expect this email, ignore it: nothing changes unless the link is used.";
  const text = `${[...paragraphs, `${link.label}:\n${link.url}`, expiry, unexpected].join("\n\n")}\n`;
  const p = (value: string) => `<p style="margin:0 0 16px">${escapeHtml(value)}</p>`;
  const url = escapeHtml(link.url);
  const html = [
    '<!doctype html><html><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#0f172a">',
    ...paragraphs.map(p),
    `<p style="margin:0 0 16px"><a href="${url}" style="display:inline-block;background:#0f766e;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(link.label)}</a></p>`,
    `<p style="margin:0 0 16px;font-size:13px;color:#475569">Or copy this address into your browser:<br><a href="${url}">${url}</a></p>`,
    p(expiry),
    `<p style="margin:0;font-size:13px;color:#475569">${escapeHtml(unexpected)}</p>`,
    "</body></html>",
  ].join("\n");
  return { to, subject: oneLine(subject), text, html };
}

export function invitationEmail(input: {
  to: string;
  businessName: string;
  role: string;
  roleDescription: string;
  invitedBy: string;
  url: string;
  validFor: string;
  expiresAt: Date;
}): MailMessage {
  const role = input.role[0]!.toUpperCase() + input.role.slice(1);
  const business = oneLine(input.businessName);
  return compose({
    to: input.to,
    subject: `You're invited to ${business} on Assent as ${role}`,
    paragraphs: [
      `${oneLine(input.invitedBy)} invited you to join ${business} on Assent, where it keeps its WhatsApp opt-in records.`,
      `Your role: ${role}. ${input.roleDescription}`,
    ],
    link: { label: "Accept the invitation", url: input.url, validFor: input.validFor, expiresAt: input.expiresAt },
  });
}

export function passwordResetEmail(input: { to: string; url: string; validFor: string; expiresAt: Date }): MailMessage {
  return compose({
    to: input.to,
    subject: "Reset your Assent password",
    paragraphs: [`Someone asked to reset the password of the Assent account ${input.to}.`, "Saving a new password signs this account out everywhere."],
    link: { label: "Choose a new password", url: input.url, validFor: input.validFor, expiresAt: input.expiresAt },
  });
}
