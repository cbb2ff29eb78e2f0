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

/**
 * The business's WhatsApp number as a sentence on a consumer page carries it: international form with no-break
 * spaces, so "+1 201 555 0100" never breaks across lines on a narrow phone (and no glyph beyond the space is
 * needed in any font). Null when none is set: the page then leaves the number out rather than print a blank.
 */
export function businessNumberText(e164: string | null | undefined): string | null {
  if (!e164) return null;
  return displayPhone(e164, "en").number.replace(/ /g, "\u00a0");
}
