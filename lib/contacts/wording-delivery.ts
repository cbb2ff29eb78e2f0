import type { EventChannel, Evidence } from "../ledger/types";

/**
 * Whether an event's wording reached the person, and how we know, so the contact page and the certificate never
 * say "shown" of words nobody received:
 * - "shown": a web page, a call or a paper form put it in front of them as part of giving consent;
 * - "accepted": a keyword reply the provider accepted after commit (the Cloud API's 200 with a message id);
 * - "twiml": a keyword reply handed back to Twilio in the answer to its request (Twilio reports delivery
 *   elsewhere; the answer itself is all we hold);
 * - "not_sent": the channel could not reply (no WhatsApp access token): the keyword alone was received;
 * - "answered": the person answered the reply that carried the wording (a button on it, a number it offered),
 *   which they could only do having received it;
 * - "unconfirmed": a reply was to be sent after commit, but no acceptance was recorded (it failed, or is in flight);
 * - "not_recorded": a text-channel event that names a form version without saying what was sent (resumes, and
 *   keyword opt-ins recorded before replies were tracked).
 */
export type WordingDelivery =
  | { kind: "shown" }
  | { kind: "accepted"; providerMessageId: string; acceptedAt: Date }
  | { kind: "twiml" }
  | { kind: "answered" }
  | { kind: "not_sent" }
  | { kind: "unconfirmed" }
  | { kind: "not_recorded" };

export function wordingDelivery(
  event: { channel: EventChannel; evidence: Evidence },
  accepted: { providerMessageId: string; acceptedAt: Date } | null,
): WordingDelivery {
  if (event.channel !== "sms" && event.channel !== "whatsapp") return { kind: "shown" };
  const reply = "reply" in event.evidence ? event.evidence.reply : undefined;
  if (reply === "none") return { kind: "not_sent" };
  if (reply === "twiml") return { kind: "twiml" };
  if (reply === "answered") return { kind: "answered" };
  if (reply === "after_commit") return accepted ? { kind: "accepted", ...accepted } : { kind: "unconfirmed" };
  return { kind: "not_recorded" };
}

/** The heading over the wording, or, when none was sent, the sentence that says so instead of the wording. */
export function wordingHeading(d: WordingDelivery): { heading: string; showText: boolean } {
  switch (d.kind) {
    case "shown":
      return { heading: "Wording shown, exactly:", showText: true };
    case "accepted":
      return {
        heading: `Wording sent, exactly (accepted by the WhatsApp Cloud API as ${d.providerMessageId} at ${d.acceptedAt.toISOString()}):`,
        showText: true,
      };
    case "twiml":
      return { heading: "Wording sent as the reply, exactly (handed to Twilio in its answer; delivery is reported by Twilio):", showText: true };
    case "answered":
      return { heading: "Wording sent, exactly, and answered: the person chose this kind of message in the reply that carried it:", showText: true };
    case "not_sent":
      return { heading: "No wording was sent: only the keyword was received, and this channel could not reply (no WhatsApp access token).", showText: false };
    case "unconfirmed":
      return { heading: "Wording of the reply, NOT confirmed as sent (the provider's acceptance was not recorded):", showText: true };
    case "not_recorded":
      return { heading: "Wording of the form version this event names (the event does not record that it was sent):", showText: true };
  }
}
