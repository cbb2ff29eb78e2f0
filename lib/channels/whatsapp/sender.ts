import "server-only";

/** `to` is a wa_id; `recipient` a business-scoped user ID, for a person whose number Meta did not share. */
export type WhatsAppReply = { phoneNumberId: string; accessToken: string; to?: string; recipient?: string; text: string };

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
 * The Cloud API "send message" call. It needs the internet and a real access token, so the tests never run it:
 * they check what would be sent through a recording sender instead.
 */
export const cloudApiSender: WhatsAppSender = async ({ phoneNumberId, accessToken, to, recipient, text }) => {
  const response = await fetch(`https://graph.facebook.com/${GRAPH_VERSION}/${encodeURIComponent(phoneNumberId)}/messages`, {
    method: "POST",
    headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
    body: JSON.stringify({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      ...(to ? { to } : { recipient }),
      type: "text",
      text: { body: text.slice(0, 4096) },
    }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`Cloud API answered ${response.status}`);
  // Meta's answer to an accepted message: { messaging_product, contacts: [...], messages: [{ id: "wamid..." }] }.
  const body = (await response.json().catch(() => null)) as { messages?: { id?: unknown }[] } | null;
  const id = body?.messages?.[0]?.id;
  if (typeof id !== "string" || !id) throw new Error("Cloud API accepted the request but returned no message id");
  return { messageId: id };
};
