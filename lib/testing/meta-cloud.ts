import { metaSignature } from "../channels/whatsapp/signature";

/**
 * A stand-in for Meta's side of the WhatsApp Cloud API webhook: builds the documented notification payloads and
 * signs them as Meta does (X-Hub-Signature-256 over the exact bytes sent), so tests post what Meta would post.
 */
export const testPhoneNumberId = "106540352242922";
const metadata = { display_phone_number: "15550783881", phone_number_id: testPhoneNumberId };
let sequence = 0;

export const newWamid = () => `wamid.TEST${Date.now().toString(36)}${(++sequence).toString(36)}`;
const now = () => String(Math.floor(Date.now() / 1000));

function envelope(field: string, value: Record<string, unknown>) {
  return { object: "whatsapp_business_account", entry: [{ id: "102290129340398", time: Math.floor(Date.now() / 1000), changes: [{ value, field }] }] };
}

const waId = (phone: string) => phone.replace(/^\+/, "");

export function textMessage(from: string, body: string, id = newWamid()) {
  return envelope("messages", {
    messaging_product: "whatsapp",
    metadata,
    contacts: [{ profile: { name: "Test Person" }, wa_id: waId(from) }],
    messages: [{ from: waId(from), id, timestamp: now(), type: "text", text: { body } }],
  });
}

/** A tap on a template's quick-reply button. */
export function buttonReply(from: string, payload: string, text: string, id = newWamid()) {
  return envelope("messages", {
    messaging_product: "whatsapp",
    metadata,
    contacts: [{ profile: { name: "Test Person" }, wa_id: waId(from) }],
    messages: [{ from: waId(from), id, timestamp: now(), type: "button", button: { payload, text } }],
  });
}

/** A marketing template that failed because the person stopped marketing messages (error 131050). */
export function failedStatus(recipient: string, code = 131050, id = newWamid()) {
  return envelope("messages", {
    messaging_product: "whatsapp",
    metadata,
    statuses: [
      {
        id,
        status: "failed",
        timestamp: now(),
        recipient_id: waId(recipient),
        errors: [{ code, title: "Unable to deliver message. Reasons can include: the user has stopped marketing messages." }],
      },
    ],
  });
}

export function userPreference(phone: string, value: "stop" | "resume", timestamp = Math.floor(Date.now() / 1000)) {
  return envelope("user_preferences", {
    messaging_product: "whatsapp",
    metadata,
    contacts: [{ wa_id: waId(phone) }],
    user_preferences: [
      { wa_id: waId(phone), detail: `User requested to ${value} marketing messages`, category: "marketing_messages", value, timestamp },
    ],
  });
}

export function qualityUpdate(event: string, currentLimit: string, oldLimit?: string) {
  return envelope("phone_number_quality_update", { display_phone_number: metadata.display_phone_number, event, current_limit: currentLimit, old_limit: oldLimit });
}

/** The signed POST Meta would send to the workspace's webhook URL. */
export function signedMetaRequest(url: string, payload: unknown, appSecret: string, options: { signature?: string | null } = {}): Request {
  const body = Buffer.from(typeof payload === "string" ? payload : JSON.stringify(payload));
  const headers: Record<string, string> = { "content-type": "application/json" };
  const signature = options.signature === undefined ? metaSignature(body, appSecret) : options.signature;
  if (signature !== null) headers["x-hub-signature-256"] = signature;
  return new Request(url, { method: "POST", headers, body });
}

/**
 * Who a notification is about since business-scoped user IDs: the BSUID always (contacts[].user_id,
 * recipient_user_id, a preference's user_id), the number (from / wa_id / recipient_id) only when Meta shares it.
 */
export type MetaUser = { phone?: string; userId: string };

export function textMessageFrom(user: MetaUser, body: string, id = newWamid()) {
  const from = user.phone ? { from: waId(user.phone) } : {};
  const contactWaId = user.phone ? { wa_id: waId(user.phone) } : {};
  return envelope("messages", {
    messaging_product: "whatsapp",
    metadata,
    contacts: [{ profile: { name: "Test Person", ...(user.phone ? {} : { username: "@testperson" }) }, ...contactWaId, user_id: user.userId }],
    messages: [{ ...from, id, timestamp: now(), type: "text", text: { body } }],
  });
}

export function userPreferenceFrom(user: MetaUser, value: "stop" | "resume", timestamp = Math.floor(Date.now() / 1000)) {
  const waIdMember = user.phone ? { wa_id: waId(user.phone) } : {};
  return envelope("user_preferences", {
    messaging_product: "whatsapp",
    metadata,
    contacts: [{ ...waIdMember, user_id: user.userId }],
    user_preferences: [{ ...waIdMember, user_id: user.userId, detail: `User requested to ${value} marketing messages`, category: "marketing_messages", value, timestamp }],
  });
}

/** A 131050 refusal of a template sent to the user's BSUID: failed statuses carry no contacts array. */
export function failedStatusTo(user: MetaUser, code = 131050, id = newWamid()) {
  return envelope("messages", {
    messaging_product: "whatsapp",
    metadata,
    statuses: [
      {
        id,
        status: "failed",
        timestamp: now(),
        ...(user.phone ? { recipient_id: waId(user.phone) } : {}),
        recipient_user_id: user.userId,
        errors: [{ code, title: "Unable to deliver message. Reasons can include: the user has stopped marketing messages." }],
      },
    ],
  });
}
