import { parsePhoneNumberWithError, ParseError, validatePhoneNumberLength, type CountryCode } from "libphonenumber-js/max";
import { ValidationError } from "../errors";
import { en } from "../i18n/messages/en";
import { quirkRewrites } from "./national-quirks";
import type { PhoneProblem } from "./problem";

// One wording for every channel: the consumer pages translate the same problems (lib/i18n/messages/).
const messages: Record<PhoneProblem, string> = en.errors.phone;

// Types that can never receive WhatsApp messages. FIXED_LINE_OR_MOBILE and unknown types are let through:
// where the numbering plan cannot tell, refusing would lock out real people.
const notMobileTypes = new Set(["FIXED_LINE", "TOLL_FREE", "PREMIUM_RATE", "SHARED_COST", "PAGER", "UAN", "VOICEMAIL"]);

export class PhoneError extends ValidationError {
  constructor(
    readonly problem: PhoneProblem,
    field = "phone",
  ) {
    super([{ field, code: `phone_${problem}`, message: messages[problem] }], messages[problem]);
    this.name = "PhoneError";
  }
}

export function phoneProblemMessage(problem: PhoneProblem): string {
  return messages[problem];
}

// Reading a number with the full metadata (its type included) costs about 60 µs, a fifth of a consent check's own
// work; sending systems check the same numbers over and over, so recent answers are remembered. Pure: the metadata
// is fixed for the life of the process.
const recent = new Map<string, string | PhoneProblem>();
const RECENT_MAX = 20_000;

const invisible = /\p{Cf}/gu;
// Dash punctuation (en and em dashes, the non-breaking hyphen, the figure dash, the wave dash…) and the minus sign.
const dashes = /[\p{Pd}\u2212]/gu;
const spaces = /[\p{Zs}\p{Zl}\p{Zp}\s]+/gu;
const nonAsciiDigit = /(?![0-9])\p{Nd}/gu;
const nonAsciiDigitAt = /^\p{Nd}$/u;

/**
 * A number as people paste or type it, in the characters the parser reads: full-width digits and plus sign
 * (IME input; NFKC folds them, and the compatibility spaces, to ASCII), digits of other scripts (Devanagari,
 * Arabic-Indic…) to 0–9, every dash to "-", every space (no-break, narrow, ideographic, tabs) to one space, and
 * invisible formatting removed: the direction marks iOS wraps a number in when it is copied from Contacts, zero-width
 * spaces, a byte-order mark. Only formatting goes: a letter or symbol stays, so "call me" is still not a number.
 */
export function cleanPhoneInput(input: string): string {
  // Most input is plain ASCII already (an API's E.164, a CSV): it skips the Unicode passes.
  const folded = /^[\x20-\x7e]*$/.test(input) ? input : input.normalize("NFKC").replace(invisible, "").replace(dashes, "-").replace(nonAsciiDigit, asciiDigit);
  return folded.replace(spaces, " ").trim();
}

/**
 * A decimal digit of any script as 0–9. Unicode assigns each script's digits as one run of ten code points from
 * zero to nine (a stability guarantee), and where runs adjoin (the mathematical digits) each is still ten long, so
 * the digit's value is its distance from the start of the run, modulo ten.
 */
function asciiDigit(digit: string): string {
  const code = digit.codePointAt(0)!;
  let start = code;
  while (nonAsciiDigitAt.test(String.fromCodePoint(start - 1))) start--;
  return String((code - start) % 10);
}

/** A consumer's number must be able to receive WhatsApp; a business's own may be a landline (see normalizeBusinessNumber). */
export type PhoneKind = "consumer" | "business";

/**
 * Turns what a person typed or pasted into E.164. National numbers are read in the workspace's default country;
 * anything starting with + or 00 carries its own country code. A spelling from before a country's numbering
 * change (lib/phone/national-quirks.ts) is read as the number it now is, so the same person meets the same contact
 * whichever spelling they, or WhatsApp, use.
 */
export function normalizePhone(input: string, defaultCountry: string, field = "phone", kind: PhoneKind = "consumer"): string {
  const raw = cleanPhoneInput(input).replace(/^00/, "+");
  if (raw === "") throw new PhoneError("required", field);
  if (!/^[+\d\s().\-/]+$/.test(raw) || !/\d/.test(raw)) throw new PhoneError("not_a_number", field);
  const country = defaultCountry.toUpperCase() as CountryCode;
  // Keyed on the cleaned input, so a pasted number and the same number typed share an entry. Only number-sized
  // input is remembered, so what the cache holds stays small whatever is sent.
  const key = raw.length <= 32 ? `${kind}|${country}|${raw}` : null;
  let read = key === null ? undefined : recent.get(key);
  if (read === undefined) {
    read = readWithQuirks(raw, country, kind);
    if (key !== null) {
      if (recent.size >= RECENT_MAX) recent.clear();
      recent.set(key, read);
      // The E.164 it gives is read again further on (a webhook's sender, then the ledger's plan): it reads as itself.
      if (read.startsWith("+")) recent.set(`${kind}|${country}|${read}`, read);
    }
  }
  if (!read.startsWith("+")) throw new PhoneError(read as PhoneProblem, field);
  return read;
}

/** E.164, or what is wrong with the number as written and with every current spelling of it. */
function readWithQuirks(raw: string, country: CountryCode, kind: PhoneKind): string | PhoneProblem {
  const read = readPhone(raw, country, kind);
  if (read.startsWith("+")) return read;
  let asWritten: string;
  try {
    asWritten = parsePhoneNumberWithError(raw, country).number;
  } catch {
    return read;
  }
  for (const candidate of quirkRewrites(asWritten, read)) {
    const again = readPhone(candidate, country, kind);
    if (again.startsWith("+")) return again;
  }
  return read;
}

/**
 * E.164, or what is wrong with the number. A valid number always has a possible length, so the length is only
 * asked about (a second parse, 40% of the cost) once the number has failed: the problem named is the same.
 */
function readPhone(raw: string, country: CountryCode, kind: PhoneKind): string | PhoneProblem {
  let parsed;
  try {
    parsed = parsePhoneNumberWithError(raw, country);
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    return lengthProblemOf(raw, country) ?? (error.message.toLowerCase() as PhoneProblem);
  }
  if (!parsed.isValid()) return lengthProblemOf(raw, country) ?? "invalid_for_country";
  const type = parsed.getType();
  if (kind === "consumer" && type && notMobileTypes.has(type)) return "not_mobile";
  return parsed.number;
}

function lengthProblemOf(raw: string, country: CountryCode): PhoneProblem | undefined {
  return validatePhoneNumberLength(raw, country)?.toLowerCase() as PhoneProblem | undefined;
}
