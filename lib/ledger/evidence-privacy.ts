import { phoneForms } from "../phone/written-forms";
import type { EventChannel } from "./types";

/** Channels whose evidence a caller types (the API, an IVR system, an import row), not read from a provider's message. */
const typedEvidence: ReadonlySet<EventChannel> = new Set(["api", "ivr", "paper", "import"]);

export type PersonalValues = { phone?: string | null; bsuid?: string | null; name?: string | null; ip?: string | null; userAgent?: string | null };

/** Separators people put inside a number ("201-555-0177", "201.555.0177", "(201) 555 0177"). */
const numberSeparators = /[\s().-]/g;

/**
 * The evidence members that repeat the person's number (in any of its written forms), BSUID, name, IP or user agent.
 * Evidence is hashed into the event and the table is append-only, so what is put there outlives erasure; the name,
 * network and note are the erasable places for personal data (event_personal_data). Only typed evidence is checked:
 * a provider's message (a STOP) is never refused for what its ids happen to contain.
 */
export function evidenceRepeatingPersonalData(channel: EventChannel, evidence: Record<string, unknown>, who: PersonalValues): string[] {
  if (!typedEvidence.has(channel)) return [];
  const needles = [...(who.phone ? phoneForms(who.phone) : []), who.bsuid, who.name, who.ip, who.userAgent]
    .filter((n): n is string => typeof n === "string" && n.trim().length >= 3)
    .map((n) => n.toLowerCase());
  // The number's digits (international and national), found again in a value once its separators are taken out.
  const digits = who.phone ? [...new Set(phoneForms(who.phone).map((f) => f.replace(/\D/g, "")))].filter((d) => d.length >= 6) : [];
  return Object.entries(evidence).flatMap(([key, value]) => {
    if (typeof value !== "string") return [];
    const lower = value.toLowerCase();
    const collapsed = lower.replace(numberSeparators, "");
    const repeats = needles.some((n) => lower.includes(n)) || digits.some((d) => collapsed.includes(d));
    return repeats ? [key] : [];
  });
}

export const evidencePersonalDataMessage =
  "must not repeat the person's number, name, IP address or browser: evidence is kept for good (it is hashed), even after erasure. Put it in the note.";
