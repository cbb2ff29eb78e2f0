import { parsePhoneNumberFromString } from "libphonenumber-js/max";

export type DisplayedPhone = { number: string; country: string | null };

/**
 * A stored number (E.164) as its owner would recognise it, in full: international form grouped as in its country
 * ("+52 55 1234 5678") and the country its numbering plan places it in, named in the page's language ("México").
 * Shown on the receipt so a number read in the wrong country, or mistyped, is noticed at once.
 */
export function displayPhone(e164: string, language: string): DisplayedPhone {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return { number: e164, country: null };
  const region = parsed.country;
  const country = region ? (new Intl.DisplayNames([language, "en"], { type: "region" }).of(region) ?? region) : null;
  return { number: parsed.formatInternational(), country };
}
