import { parsePhoneNumberFromString } from "libphonenumber-js/max";

/** The number's national significant digits ("2015550191" for +12015550191), or null if it cannot be read. */
export function nationalDigits(e164: string): string | null {
  const national = parsePhoneNumberFromString(e164)?.nationalNumber;
  return national ? String(national) : null;
}

/**
 * The ways a number is written where people type it: E.164, its digits alone (a WhatsApp wa_id), and the national
 * number with and without its formatting. What erasure scrubs from free text, and what the ledger keeps out of the
 * hashed evidence.
 */
export function phoneForms(e164: string): string[] {
  const parsed = parsePhoneNumberFromString(e164);
  const forms = [e164, e164.replace(/^\+/, "")];
  if (parsed) forms.push(parsed.formatNational(), String(parsed.nationalNumber));
  return [...new Set(forms)];
}
