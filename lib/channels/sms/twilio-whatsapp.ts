import type { WhatsAppMessage } from "../whatsapp/payload";
import type { WhatsAppVia } from "../whatsapp/handle-message";

/** Twilio marks a WhatsApp sender's address with this prefix: From=whatsapp:+12015550112. */
export const TWILIO_WHATSAPP_PREFIX = "whatsapp:";

export const isTwilioWhatsApp = (from: string) => from.toLowerCase().startsWith(TWILIO_WHATSAPP_PREFIX);

/**
 * A message Twilio relays from WhatsApp, as the Cloud API would have shaped it, so both go through one handler
 * (keywords, buttons, stops, codes, HELP). Twilio's documented WhatsApp parameters: WaId (the sender's WhatsApp id,
 * the number's digits), ProfileName, ButtonText and ButtonPayload (a quick-reply tap); the number also stands in
 * From after the prefix. Twilio sends no time of its own: the message is dated when it arrives.
 */
export function twilioWhatsAppMessage(params: URLSearchParams, sid: string, from: string): { message: WhatsAppMessage; via: WhatsAppVia } {
  const waId = params.get("WaId")?.trim() || from.slice(TWILIO_WHATSAPP_PREFIX.length).trim();
  const body = params.get("Body") ?? "";
  const payload = params.get("ButtonPayload")?.trim();
  const timestamp = String(Math.floor(Date.now() / 1000));
  const message: WhatsAppMessage = payload
    ? { from: waId, id: sid, timestamp, type: "button", button: { payload, text: params.get("ButtonText") ?? body } }
    : { from: waId, id: sid, timestamp, type: "text", text: { body } };
  const name = params.get("ProfileName")?.trim();
  // The business number written to, without Twilio's prefix: whatsapp:+14155238886.
  const to = params.get("To")?.trim();
  const businessNumber = to?.toLowerCase().startsWith(TWILIO_WHATSAPP_PREFIX) ? to.slice(TWILIO_WHATSAPP_PREFIX.length) : to;
  return { message, via: { provider: "twilio", ...(name ? { name } : {}), ...(businessNumber ? { businessNumber } : {}) } };
}
