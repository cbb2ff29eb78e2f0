import twilio from "twilio";
import { twilioSignature } from "../lib/channels/sms/signature";

/**
 * A stand-in for Twilio's inbound SMS webhook: the form-encoded parameters Twilio posts for a received message,
 * signed as Twilio signs them (over the public URL it called and the sorted parameters).
 */
let sequence = 0;
export const newMessageSid = () => `SM${Date.now().toString(16)}${(++sequence).toString(16).padStart(8, "0")}`.padEnd(34, "0").slice(0, 34);

export function smsParams(from: string, body: string, sid = newMessageSid()): Record<string, string> {
  return {
    ToCountry: "US",
    ToState: "NJ",
    SmsMessageSid: sid,
    NumMedia: "0",
    FromCountry: "US",
    SmsSid: sid,
    SmsStatus: "received",
    Body: body,
    To: "+12015550100",
    NumSegments: "1",
    MessageSid: sid,
    AccountSid: "AC00000000000000000000000000000000",
    From: from,
    ApiVersion: "2010-04-01",
  };
}

/**
 * The POST Twilio would send. `publicUrl` is what Twilio was told (and signs); `requestUrl` is where the request
 * lands, which behind a proxy differs in host and scheme.
 */
export function signedTwilioRequest(
  publicUrl: string,
  params: Record<string, string>,
  authToken: string,
  options: { requestUrl?: string; signature?: string } = {},
): Request {
  const signature = options.signature ?? twilioSignature(publicUrl, Object.entries(params), authToken);
  return new Request(options.requestUrl ?? publicUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature, "i-twilio-idempotency-token": crypto.randomUUID() },
    body: new URLSearchParams(params).toString(),
  });
}

/**
 * What Twilio posts for a message from a WhatsApp sender (its documented WhatsApp parameters): the addresses carry
 * the "whatsapp:" prefix, WaId is the sender's WhatsApp id (the number's digits), ProfileName their WhatsApp name,
 * and a quick-reply tap adds ButtonText and ButtonPayload (MessageType "button").
 */
export function twilioWhatsAppParams(from: string, body: string, extra: { payload?: string; profileName?: string; sid?: string } = {}): Record<string, string> {
  const sid = extra.sid ?? newMessageSid();
  return {
    SmsMessageSid: sid,
    NumMedia: "0",
    ProfileName: extra.profileName ?? "Test Person",
    MessageType: extra.payload ? "button" : "text",
    SmsSid: sid,
    WaId: from.replace(/^\+/, ""),
    SmsStatus: "received",
    Body: body,
    To: "whatsapp:+14155238886",
    NumSegments: "1",
    ReferralNumMedia: "0",
    MessageSid: sid,
    AccountSid: "AC00000000000000000000000000000000",
    From: `whatsapp:${from}`,
    ApiVersion: "2010-04-01",
    ...(extra.payload ? { ButtonPayload: extra.payload, ButtonText: body } : {}),
  };
}

/** The POST Twilio would send, signed by the twilio package's own function rather than ours. */
export function twilioLibrarySignedRequest(url: string, params: Record<string, string>, authToken: string): Request {
  return new Request(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": twilio.getExpectedTwilioSignature(authToken, url, params) },
    body: new URLSearchParams(params).toString(),
  });
}
