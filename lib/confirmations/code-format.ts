/** Pure helpers for confirmation codes, shared by the code store and the WhatsApp webhook's message parsing. */

export const confirmationCodeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

const codePattern = /^[2-9A-HJ-NP-Z]{6}$/;

/** A code as typed ("abc 234") in its stored form ("ABC234"), or undefined if it cannot be one. */
export function normalizeConfirmationCode(input: string): string | undefined {
  const code = input.replace(/[\s-]/g, "").toUpperCase();
  return codePattern.test(code) ? code : undefined;
}

/**
 * Finds the code in a received WhatsApp message such as "Confirm my sign-up to Acme Coffee. Code: ABC234", in
 * any language: the last six-character word written in capitals from the code alphabet.
 */
export function extractConfirmationCode(text: string): string | undefined {
  const words = text.match(/(?<![\p{L}\p{N}])[2-9A-HJ-NP-Z]{6}(?![\p{L}\p{N}])/gu);
  return words?.at(-1);
}
