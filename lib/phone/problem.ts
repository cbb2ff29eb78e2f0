/**
 * Why a phone number was refused. Its own module because the consumer pages' messages (lib/i18n) name every
 * problem, and normalize.ts reads those messages: the type sits below both.
 */
export type PhoneProblem = "required" | "not_a_number" | "invalid_country" | "too_short" | "too_long" | "invalid_length" | "invalid_for_country" | "not_mobile";
