import "server-only";
import { env } from "../../env";

/**
 * The choices an interactive reply carries: reply buttons (up to three) or a list message's rows (up to ten),
 * each with the id a tap sends back and its title.
 */
export type ReplyChoices = { format: "buttons" | "list"; choices: { id: string; title: string }[]; listButton?: string };

/**
 * `to` is a wa_id; `recipient` a business-scoped user ID, for a person whose number Meta did not share. With
 * `interactive`, `text` is the message's body and the choices go with it.
 */
export type WhatsAppReply = { phoneNumberId: string; accessToken: string; to?: string; recipient?: string; text: string; interactive?: ReplyChoices };

/** The Cloud API's message object for a reply: a text, or an interactive message with buttons or a list. */
export function replyMessage(text: string, interactive: ReplyChoices | undefined): Record<string, unknown> {
  if (!interactive) return { type: "text", text: { body: text.slice(0, 4096) } };
  const body = { text: text.slice(0, 1024) };
  if (interactive.format === "buttons") {
    return {
      type: "interactive",
      interactive: { type: "button", body, action: { buttons: interactive.choices.map((c) => ({ type: "reply", reply: { id: c.id, title: c.title } })) } },
    };
  }
  return {
    type: "interactive",
    interactive: {
      type: "list",
      body,
      action: { button: interactive.listButton ?? "Choose", sections: [{ rows: interactive.choices.map((c) => ({ id: c.id, title: c.title })) }] },
    },
  };
}

/**
 * Sends a reply in the 24-hour window the person's own message opened, resolving with the id the provider gave
 * the accepted message (its acceptance is the proof the wording was sent). Swapped for a recorder in tests.
 */
export type WhatsAppSender = (reply: WhatsAppReply) => Promise<{ messageId: string } | undefined>;

/** Whether Cloud API replies can be sent at all: the access token is optional in settings. */
export function canSendCloudReply(channel: {
  secret: (which: "whatsappAccessToken") => string | null;
  settings: { whatsappPhoneNumberId: string | null };
}): boolean {
  return Boolean(channel.secret("whatsappAccessToken") && channel.settings.whatsappPhoneNumberId);
}

const GRAPH_VERSION = "v21.0";

/**
 * A refusal from the Cloud API, carrying what Meta's error object says (code 190: the token; 131047: the 24-hour
 * window has closed; 131026: not a WhatsApp number) so the log tells the business what to fix. Meta's `message`
 * names the rule, never the person; the access token is never part of it.
 */
export class CloudApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number | null,
    readonly subcode: number | null,
    readonly traceId: string | null,
    detail: string,
  ) {
    super(`Cloud API answered ${status}${code === null ? "" : ` (error ${code}${subcode === null ? "" : `/${subcode}`})`}: ${detail}`);
    this.name = "CloudApiError";
  }
}

type GraphError = { error?: { message?: unknown; code?: unknown; error_subcode?: unknown; fbtrace_id?: unknown; error_data?: { details?: unknown } } };
const numberOr = (v: unknown) => (typeof v === "number" && Number.isInteger(v) ? v : null);
const textOr = (v: unknown, fallback: string) => (typeof v === "string" && v ? v.slice(0, 300) : fallback);

async function refusal(response: Response): Promise<CloudApiError> {
  const body = (await response.json().catch(() => null)) as GraphError | null;
  const error = body?.error;
  const detail = textOr(error?.error_data?.details, textOr(error?.message, response.statusText || "no error object"));
  return new CloudApiError(
    response.status,
    numberOr(error?.code),
    numberOr(error?.error_subcode),
    typeof error?.fbtrace_id === "string" ? error.fbtrace_id : null,
    detail,
  );
}

/**
 * The Cloud API "send message" call, to `baseUrl` (Meta's Graph API unless WHATSAPP_GRAPH_URL says otherwise; the
 * tests point it at testing/graph-api.ts, which answers in Meta's documented format).
 */
export function createCloudApiSender(baseUrl: () => string): WhatsAppSender {
  return async ({ phoneNumberId, accessToken, to, recipient, text, interactive }) => {
    const response = await fetch(`${baseUrl().replace(/\/$/, "")}/${GRAPH_VERSION}/${encodeURIComponent(phoneNumberId)}/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
      body: JSON.stringify({
        messaging_product: "whatsapp",
        recipient_type: "individual",
        ...(to ? { to } : { recipient }),
        ...replyMessage(text, interactive),
      }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw await refusal(response);
    // Meta's answer to an accepted message: { messaging_product, contacts: [...], messages: [{ id: "wamid..." }] }.
    const body = (await response.json().catch(() => null)) as { messages?: { id?: unknown }[] } | null;
    const id = body?.messages?.[0]?.id;
    if (typeof id !== "string" || !id) throw new Error("Cloud API accepted the request but returned no message id");
    return { messageId: id };
  };
}

export const cloudApiSender: WhatsAppSender = createCloudApiSender(() => env().WHATSAPP_GRAPH_URL);
