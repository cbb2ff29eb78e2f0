import { metaSignature } from "../lib/channels/whatsapp/signature";

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

export const waId = (phone: string) => phone.replace(/^\+/, "");

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
/** Who an item names: the number (wa_id, recipient_id) when Meta shares it, the BSUID (user_id) when it has one. */
type Who = { phone?: string; userId?: string };
const waIdOf = (who: Who) => (who.phone ? { wa_id: waId(who.phone) } : {});
const userIdOf = (who: Who) => (who.userId ? { user_id: who.userId } : {});

/** A marketing template that failed because the person stopped marketing messages (error 131050), as an item. */
function failedStatusItem(who: Who, code = 131050, id = newWamid()) {
  return {
    id,
    status: "failed",
    timestamp: now(),
    ...(who.phone ? { recipient_id: waId(who.phone) } : {}),
    ...(who.userId ? { recipient_user_id: who.userId } : {}),
    errors: [{ code, title: "Unable to deliver message. Reasons can include: the user has stopped marketing messages." }],
  };
}

/** WhatsApp's stop/resume-marketing control, naming the person by whichever ids are given. */
function preferenceNotification(who: Who, value: "stop" | "resume", timestamp: string | number) {
  return envelope("user_preferences", {
    messaging_product: "whatsapp",
    metadata,
    contacts: [{ ...waIdOf(who), ...userIdOf(who) }],
    user_preferences: [
      { ...waIdOf(who), ...userIdOf(who), detail: `User requested to ${value} marketing messages`, category: "marketing_messages", value, timestamp },
    ],
  });
}

/** A marketing template that failed because the person stopped marketing messages (error 131050). */
export function failedStatus(recipient: string, code = 131050, id = newWamid()) {
  return envelope("messages", { messaging_product: "whatsapp", metadata, statuses: [failedStatusItem({ phone: recipient }, code, id)] });
}

export function userPreference(phone: string, value: "stop" | "resume", timestamp = Math.floor(Date.now() / 1000)) {
  return preferenceNotification({ phone }, value, timestamp);
}

export function qualityUpdate(event: string, currentLimit: string, oldLimit?: string) {
  return envelope("phone_number_quality_update", {
    display_phone_number: metadata.display_phone_number,
    event,
    current_limit: currentLimit,
    old_limit: oldLimit,
  });
}

/**
 * A "messages" (or "user_preferences") change holding whatever items are given, as Meta batches them: several
 * messages, statuses or preferences, from several people, in one notification.
 */
export function messagesNotification(
  items: { contacts?: unknown[]; messages?: unknown[]; statuses?: unknown[]; user_preferences?: unknown[] },
  field = "messages",
) {
  return envelope(field, { messaging_product: "whatsapp", metadata, ...items });
}

/** Several notifications' entries in one body, as Meta may send them. */
export function combinedNotification(...notifications: { entry: unknown[] }[]) {
  return { object: "whatsapp_business_account", entry: notifications.flatMap((n) => n.entry) };
}

/** A text message's contact and message items from a person whose number WhatsApp shares (with a BSUID too). */
export function textItems(from: string, body: string, options: { id?: string; timestamp?: string | number; userId?: string } = {}) {
  return {
    contact: { profile: { name: "Test Person" }, wa_id: waId(from), ...(options.userId ? { user_id: options.userId } : {}) },
    message: {
      from: waId(from),
      ...(options.userId ? { from_user_id: options.userId } : {}),
      id: options.id ?? newWamid(),
      timestamp: options.timestamp ?? now(),
      type: "text",
      text: { body },
    },
  };
}

/**
 * A text from a user who adopted a username and whose number WhatsApp does not share: Meta's documented BSUID
 * shape, with no `from` and no `wa_id`, the business-scoped user id in `from_user_id` and `contacts[].user_id`.
 */
export function bsuidTextItems(userId: string, body: string, id = newWamid()) {
  return {
    contact: { profile: { name: "Username Person", username: "@username.person" }, user_id: userId },
    message: { from_user_id: userId, id, timestamp: now(), type: "text", text: { body } },
  };
}

/** A business-scoped user id as Meta formats them: a country code, a dot and digits. */
export const newBsuid = () => `US.${Date.now()}${(++sequence).toString().padStart(6, "0")}`;

/** A marketing template refused with 131050, sent to a BSUID: the status has `recipient_user_id` and no `recipient_id`. */
export function bsuidFailedStatusItem(userId: string, id = newWamid()) {
  return failedStatusItem({ userId }, 131050, id);
}

/** WhatsApp's stop/resume-marketing control used by a username user: `user_id` only, no `wa_id`. */
export function bsuidUserPreference(userId: string, value: "stop" | "resume", timestamp: string | number = Math.floor(Date.now() / 1000)) {
  return preferenceNotification({ userId }, value, timestamp);
}

/** The signed POST Meta would send to the workspace's webhook URL. */
export function signedMetaRequest(url: string, payload: unknown, appSecret: string, options: { signature?: string | null } = {}): Request {
  const { init } = metaPost(url, payload, appSecret, options);
  return new Request(url, init);
}

/** The same request as an address and its init, for a client that sends it later (the bench builds them first). */
export function metaPost(url: string, payload: unknown, appSecret: string, options: { signature?: string | null } = {}): { url: string; init: RequestInit } {
  const body = Buffer.from(typeof payload === "string" ? payload : JSON.stringify(payload));
  const headers: Record<string, string> = { "content-type": "application/json" };
  const signature = options.signature === undefined ? metaSignature(body, appSecret) : options.signature;
  if (signature !== null) headers["x-hub-signature-256"] = signature;
  return { url, init: { method: "POST", headers, body } };
}

/**
 * Who a notification is about since business-scoped user IDs: the BSUID always (contacts[].user_id,
 * recipient_user_id, a preference's user_id), the number (from / wa_id / recipient_id) only when Meta shares it.
 */
export type MetaUser = { phone?: string; userId: string };

export function textMessageFrom(user: MetaUser, body: string, id = newWamid()) {
  const from = user.phone ? { from: waId(user.phone) } : {};
  return envelope("messages", {
    messaging_product: "whatsapp",
    metadata,
    contacts: [{ profile: { name: "Test Person", ...(user.phone ? {} : { username: "@testperson" }) }, ...waIdOf(user), user_id: user.userId }],
    messages: [{ ...from, id, timestamp: now(), type: "text", text: { body } }],
  });
}

export function userPreferenceFrom(user: MetaUser, value: "stop" | "resume", timestamp = Math.floor(Date.now() / 1000)) {
  return preferenceNotification(user, value, timestamp);
}

/** A 131050 refusal of a template sent to the user's BSUID: failed statuses carry no contacts array. */
export function failedStatusTo(user: MetaUser, code = 131050, id = newWamid()) {
  return envelope("messages", { messaging_product: "whatsapp", metadata, statuses: [failedStatusItem(user, code, id)] });
}

/**
 * A tap on one of the reply buttons (or list rows) of an interactive message the business sent: Meta's
 * `interactive.button_reply` (or `list_reply`) with the tapped choice's id and title, and in `context` the id of
 * the message tapped, when given.
 */
export function choiceTapItems(who: Who, choiceId: string, title: string, options: { id?: string; context?: string; list?: boolean } = {}) {
  const reply = { id: choiceId, title };
  return {
    contact: { profile: { name: "Test Person" }, ...waIdOf(who), ...userIdOf(who) },
    message: {
      ...(who.phone ? { from: waId(who.phone) } : {}),
      ...(who.userId ? { from_user_id: who.userId } : {}),
      id: options.id ?? newWamid(),
      timestamp: now(),
      ...(options.context ? { context: { from: metadata.display_phone_number, id: options.context } } : {}),
      type: "interactive",
      interactive: options.list ? { type: "list_reply", list_reply: reply } : { type: "button_reply", button_reply: reply },
    },
  };
}

/** Taps on choices (one message each, in order) in one notification, from a number or a username user. */
export function choiceTaps(who: Who | string, taps: { id: string; title: string }[], options: { context?: string } = {}) {
  const person = typeof who === "string" ? { phone: who } : who;
  const items = taps.map((tap) => choiceTapItems(person, tap.id, tap.title, options));
  return messagesNotification({ contacts: [items[0]!.contact], messages: items.map((i) => i.message) });
}
