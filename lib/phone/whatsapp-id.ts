import { normalizePhone, PhoneError } from "./normalize";

/**
 * The E.164 number of a WhatsApp user from their wa_id (messages' `from`, statuses' `recipient_id`, preferences'
 * `wa_id`): the number's digits without "+". It goes through normalizePhone like a number typed on a form, so an
 * old-style wa_id (Brazil without the mobile 9, Mexico's 521, Argentina without the 9: lib/phone/national-quirks.ts)
 * lands on the same contact as the number its owner types today. Throws PhoneError (field `wa_id`) for anything
 * that is not a consumer's number.
 */
export function waIdToPhone(waId: string): string {
  const digits = waId.trim().replace(/^\+/, "");
  if (!/^[1-9]\d{5,14}$/.test(digits)) throw new PhoneError("not_a_number", "wa_id");
  // A wa_id always carries its country code, so the default country is never used.
  return normalizePhone(`+${digits}`, "US", "wa_id");
}

/** waIdToPhone, or undefined when there is no wa_id or it is not a number Assent can hold (the error is logged). */
export function phoneOfWaId(waId: string | undefined, where: string): string | undefined {
  if (!waId) return undefined;
  try {
    return waIdToPhone(waId);
  } catch (error) {
    if (!(error instanceof PhoneError)) throw error;
    console.warn(`[whatsapp] ${where}: wa_id is not a usable number (${error.problem})`);
    return undefined;
  }
}
