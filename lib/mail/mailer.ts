import "server-only";
import nodemailer from "nodemailer";
import SMTPTransport from "nodemailer/lib/smtp-transport";
import { env } from "../env";

export type MailMessage = { to: string; subject: string; text: string; html: string };
/** Sends one message or throws. The app's comes from SMTP_URL; tests bring a server of their own. */
export type Mailer = { send(message: MailMessage): Promise<void> };
export type Delivery = "sent" | "failed" | "not_configured";

export function smtpMailer(url: string, from: string): Mailer {
  // Someone waits on the send: give up within seconds, not after nodemailer's minutes-long defaults.
  const transport = nodemailer.createTransport(new SMTPTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 }));
  return {
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
  };
}

let configured: Mailer | null | undefined;

/** The mailer SMTP_URL describes, made on first use; null when email is not configured. */
export function appMailer(): Mailer | null {
  if (configured === undefined) {
    const { SMTP_URL, SMTP_FROM } = env();
    configured = SMTP_URL && SMTP_FROM ? smtpMailer(SMTP_URL, SMTP_FROM) : null;
  }
  return configured;
}

export function mailConfigured(): boolean {
  return env().SMTP_URL !== undefined;
}

/** Sends and says how it went. Why a send failed goes to the server log only: it can name hosts and accounts. */
export async function deliver(mailer: Mailer | null, message: MailMessage, context: string): Promise<Delivery> {
  if (!mailer) return "not_configured";
  try {
    await mailer.send(message);
    return "sent";
  } catch (error) {
    console.error(`[mail] ${context}: sending to ${message.to} failed`, error);
    return "failed";
  }
}
