/** XML-escaped text for TwiML: the reply carries form wording a staff member typed. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);
}

/** A TwiML answer: one reply message, or none (an empty <Response/> tells Twilio to send nothing). */
export function twimlResponse(reply: string | null): Response {
  const body = reply ? `<Response><Message>${escapeXml(reply)}</Message></Response>` : "<Response/>";
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>${body}`, {
    status: 200,
    headers: { "content-type": "text/xml; charset=utf-8", "cache-control": "no-store" },
  });
}
