import "server-only";

/** `to` is a wa_id; `recipient` a business-scoped user ID, for a person whose number Meta did not share. */
export type WhatsAppReply = { phoneNumberId: string; accessToken: string; to?: string; recipient?: string; text: string };

/** Sends a reply in the 24-hour window the person's own message opened. Swapped for a recorder in tests. */
export type WhatsAppSender = (reply: WhatsAppReply) => Promise<void>;

const GRAPH_VERSION = "v21.0";

/**
 * The Cloud API "send message" call. It needs the internet and a real access token, so the tests never run it:
 * they check what would be sent through a recording sender instead.
 */
export const cloudApiSender: WhatsAppSender = async ({ phoneNumberId, accessToken, to, recipient, text }) => {
  const response = await fetch(`https://graph.facebook.com/${GRAPH_VERSION}/${encodeURIComponent(phoneNumberId)}/messages`, {
    method: "POST",
    headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
    body: JSON.stringify({ messaging_product: "whatsapp", recipient_type: "individual", ...(to ? { to } : { recipient }), type: "text", text: { body: text.slice(0, 4096) } }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`Cloud API answered ${response.status}`);
};
