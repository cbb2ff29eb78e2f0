import type { FormVersionContent } from "../db/schema/form-content";
import { flatten } from "./version-diff";
import { fieldLabel } from "./translation-drift";

/**
 * Numbers set aside for fiction and documentation, which no one can be reached on: the demo's +1 415 555 0100,
 * the docs' +1 201 555 0123. NANP 555-0100 to 555-0199 in any area code; Ofcom's drama ranges in the UK
 * (07700 900000 to 900999, 020 7946 0000 to 0999). Digits only, with or without the country code.
 */
const fictionalNumbers = [/^1?[2-9]\d{2}55501\d{2}$/, /^(?:44|0)7700900\d{3}$/, /^(?:44|0)207946[0]\d{3}$/];

export const isFictionalNumber = (text: string) => {
  const digits = text.replace(/\D/g, "");
  return fictionalNumbers.some((r) => r.test(digits));
};

/**
 * Host names that can never be a business's own (RFC 2606 and 6761): example.com, .org and .net with their
 * subdomains, the .test, .example, .invalid and .localhost names, and localhost itself.
 */
const placeholderHost = /^(?:localhost|127\.0\.0\.1|(?:[a-z0-9-]+\.)*(?:example\.(?:com|org|net)|[a-z0-9-]+\.(?:test|example|invalid|localhost)))$/i;

export const isPlaceholderHost = (host: string) => placeholderHost.test(host.replace(/\.$/, ""));

/** A phone number as written in a sentence: + or a digit, then digits with spaces, dots, dashes or brackets. */
const phoneInText = /\+?\(?\d[\d\s().-]{7,}\d/g;
/** A web address or bare domain in a sentence. */
const hostInText = /\b(?:https?:\/\/)?((?:[a-z0-9-]+\.)+[a-z]{2,}|localhost)\b/gi;
/** Filler text and template slots left to fill: lorem ipsum, [Business name], {{name}}, TODO. */
const fillerInText = /\blorem ipsum\b|\[[^\]\n]{1,40}\]|\{\{?[^}\n]{1,40}\}\}?|\b(?:TODO|TBD|XXX+)\b/i;

type Where = { businessNumber?: string | null; langName: (lang: string) => string; categoryLabel: (key: string) => string };

/**
 * What looks left over from an example or a template: a fictional number, a link to a placeholder domain, filler
 * text. Each names where it is and what to do. Advice, not a blocker: a test workspace may mean it, and only the
 * marketer knows; but a live form that says "reply STOP to +1 415 555 0100" sends people nowhere.
 */
export function placeholderProblems(content: FormVersionContent, where: Where): string[] {
  const problems: string[] = [];
  if (where.businessNumber && isFictionalNumber(where.businessNumber))
    problems.push(
      `Settings, Business profile: the WhatsApp number ${where.businessNumber} is a fictional example number, shown on the form and the receipt; set your real WhatsApp business number.`,
    );
  if (content.privacyPolicyUrl) {
    const host = hostOf(content.privacyPolicyUrl);
    if (host && isPlaceholderHost(host)) problems.push(`The privacy policy link points at ${host}, a placeholder address; link your real privacy policy.`);
  }
  for (const [lang, wording] of Object.entries(content.languages)) {
    const fields = new Map<string, string>();
    flatten(wording, "", fields);
    for (const [field, text] of fields) {
      const at = `${where.langName(lang)}, ${fieldLabel(field, where.categoryLabel)}`;
      const number = [...text.matchAll(phoneInText)].map((m) => m[0].trim()).find(isFictionalNumber);
      if (number) problems.push(`${at}: ${number} is a fictional example number; write your real WhatsApp number.`);
      const host = [...text.matchAll(hostInText)].map((m) => m[1]!).find(isPlaceholderHost);
      if (host) problems.push(`${at}: ${host} is a placeholder address; write your real one.`);
      const filler = fillerInText.exec(text);
      if (filler) problems.push(`${at}: "${filler[0]}" is placeholder text; write what you mean.`);
    }
  }
  return problems;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}
