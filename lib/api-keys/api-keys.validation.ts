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

const scopes = Object.keys(apiKeyScopeLabels) as [ApiKeyScope, ...ApiKeyScope[]];

export const createApiKeySchema = z.object({
  workspace: z.string(),
  name: plainText("Name the system that will use the key, e.g. CRM production.", 100),
  scopes: z
    .array(z.enum(scopes, { message: "Reload the page: an unknown permission was sent." }))
    .min(1, "Choose at least one thing the key may do.")
    .transform((list) => [...new Set(list)]),
});

export const revokeApiKeySchema = z.object({ workspace: z.string(), apiKeyId: z.string().uuid("Reload the page and try again.") });
