import { z } from "zod";
import type { ApiKeyScope } from "./keys";
import { plainText } from "../validation/plain-text";

/** What each scope lets a sending system do; the keys are checked against lib/auth/api-keys at compile time. */
export const apiKeyScopeLabels = {
  "consents:write": "Record opt-ins and opt-outs",
  "consents:read": "Check consent and read a contact's state",
  "events:read": "Read the consent ledger",
  exports: "Export consent events in bulk",
} as const satisfies Record<ApiKeyScope, string>;

/**
 * Requests a minute a key may make unless it has its own limit: WhatsApp's default throughput is 80 messages a
 * second per number (4,800 a minute), and a sender checks before each, with room for retries on top.
 */
export const DEFAULT_API_KEY_PER_MINUTE = 6_000;
/** The most a key may be given (the column's check in lib/db/schema/access.ts says the same). */
export const MAX_API_KEY_PER_MINUTE = 1_000_000;

/**
 * A key's own limit, as typed in the form or the CLI: blank for the default, else a whole number 1..1,000,000.
 * Output: the number, or null (the column's "use the default").
 */
export const rateLimitPerMinuteSchema = z.preprocess((value) => {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") return value;
  const text = value.trim();
  // "6,000" as the placeholder writes it; a comma anywhere else ("1,5") stays and is refused as not a number.
  return text === "" ? null : /^\d{1,3}(,\d{3})+$/.test(text) ? text.replaceAll(",", "") : text;
}, z.coerce
  .number({ error: "Enter a number of requests a minute, or leave it blank for the default." })
  .int("Enter a whole number of requests a minute.")
  .min(1, "At least 1 request a minute.")
  .max(MAX_API_KEY_PER_MINUTE, "At most 1,000,000 requests a minute.")
  .nullable());

const scopes = Object.keys(apiKeyScopeLabels) as [ApiKeyScope, ...ApiKeyScope[]];

export const createApiKeySchema = z.object({
  workspace: z.string(),
  name: plainText("Name the system that will use the key, e.g. CRM production.", 100),
  scopes: z
    .array(z.enum(scopes, { message: "Reload the page: an unknown permission was sent." }))
    .min(1, "Choose at least one thing the key may do.")
    .transform((list) => [...new Set(list)]),
  rateLimitPerMinute: rateLimitPerMinuteSchema,
});

export const revokeApiKeySchema = z.object({ workspace: z.string(), apiKeyId: z.string().uuid("Reload the page and try again.") });

/** A live key's new limit: blank goes back to the default. */
export const setApiKeyLimitSchema = revokeApiKeySchema.extend({ rateLimitPerMinute: rateLimitPerMinuteSchema });
