import "server-only";
import type { Role } from "../auth/roles";
import { deliver, type Delivery, type Mailer } from "../mail/mailer";
import { invitationEmail, passwordResetEmail } from "../mail/templates";
import { publicBaseUrl } from "../server/urls";
import { roleDescriptions } from "./members.validation";
import { INVITATION_DAYS, RESET_HOURS } from "./tokens";

// Links are built on APP_URL, never on the request's Host header, which a client can set to its own domain.
export const invitationUrl = (token: string) => `${publicBaseUrl()}/invite/${token}`;
export const passwordResetUrl = (token: string) => `${publicBaseUrl()}/reset-password/${token}`;

export const invitationValidFor = `${INVITATION_DAYS} days`;
export const resetValidFor = `${RESET_HOURS} hours`;

export function sendInvitationEmail(
  mailer: Mailer | null,
  input: { to: string; role: Role; businessName: string; invitedBy: string; token: string; expiresAt: Date },
): Promise<Delivery> {
  const { token, role, ...rest } = input;
  const message = invitationEmail({ ...rest, role, roleDescription: roleDescriptions[role], url: invitationUrl(token), validFor: invitationValidFor });
  return deliver(mailer, message, "invitation");
}

export function sendPasswordResetEmail(mailer: Mailer | null, input: { to: string; token: string; expiresAt: Date }): Promise<Delivery> {
  const message = passwordResetEmail({ to: input.to, url: passwordResetUrl(input.token), validFor: resetValidFor, expiresAt: input.expiresAt });
  return deliver(mailer, message, "password reset");
}

/** What the admin is told about an invitation, by how the email went; the link is shown below it in every case. */
export function deliveryMessage(what: string, email: string, delivery: Delivery, validFor: string): string {
  const once = `it works once, for ${validFor}`;
  if (delivery === "sent") return `${what} sent to ${email}. You can also copy the link below; ${once}.`;
  if (delivery === "failed") return `${what} created, but the email to ${email} could not be sent. Pass this link on to them yourself; ${once}.`;
  return `${what} created. Email is not configured, so pass this link on to ${email} yourself; ${once}.`;
}

// A reset link opens an existing account, so only its owner's inbox ever sees it (lib/members/actions.ts).
export const resetSentMessage = (email: string) => `Password reset link sent to ${email}. Only they receive it; it works once, for ${resetValidFor}.`;
export const resetEmailFailed = (email: string) => `The password reset email to ${email} could not be sent, so no link was made. Try again later.`;
export const resetNeedsEmail =
  "Password reset links go only to the member's own email address, and email is not configured here (SMTP_URL). Whoever runs Assent can set it up, or give them a link with the user:reset-link command.";
