/**
 * Numbers as people and WhatsApp still spell them after a country changed its numbering plan, each with the
 * E.164 number the plan now gives the same line. Meta warns that a user's wa_id and phone number may not match:
 * accounts made before a change keep the old spelling as their wa_id. libphonenumber (rightly) refuses the old
 * spellings, so normalizePhone tries these only after the number as written has been refused, and nothing it
 * accepted before reads differently now.
 */
type Quirk = {
  /** The refusals this quirk may cure: an old spelling is now too long, invalid, or reads as a landline. */
  cures: string[];
  /** The current spelling of an E.164 number; the number unchanged when the rule does not apply to it. */
  rewrite: (e164: string) => string;
};

const quirks: Quirk[] = [
  // Brazil added a ninth digit, 9, in front of every mobile (2012–2016). Old accounts' wa_ids are 55 + area code +
  // 8 digits; mobiles were the 8-digit numbers starting 6–9 (landlines start 2–5 and keep 8 digits).
  { cures: ["invalid_for_country"], rewrite: (n) => n.replace(/^\+55([1-9]\d)([6-9]\d{7})$/, "+55$19$2") },
  // Mexico dropped the "1" that international calls to mobiles needed (2019): +52 1 55… is now +52 55….
  { cures: ["too_long", "invalid_for_country"], rewrite: (n) => n.replace(/^\+521(\d{10})$/, "+52$1") },
  // Argentina: a mobile's international form carries a 9 after the country code (+54 9 11…, WhatsApp's wa_id
  // 54911…); written without it (+54 11…), the same digits read as a landline. The form without the 9 is what
  // people who know their number nationally type; a landline can never be on a consumer's WhatsApp.
  { cures: ["not_mobile"], rewrite: (n) => n.replace(/^\+54([1-8]\d{9})$/, "+549$1") },
];

/** The current spellings to try for a number refused for `problem`, best first. */
export function quirkRewrites(e164: string, problem: string): string[] {
  return quirks
    .filter((q) => q.cures.includes(problem))
    .map((q) => q.rewrite(e164))
    .filter((n) => n !== e164);
}
