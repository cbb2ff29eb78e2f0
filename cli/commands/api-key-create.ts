import type { Writable } from "node:stream";
import { apiKeyScopes, createApiKey, type ApiKeyScope } from "../../lib/api-keys/keys";
import { DEFAULT_API_KEY_PER_MINUTE, rateLimitPerMinuteSchema } from "../../lib/api-keys/api-keys.validation";
import type { Db } from "../../lib/db/client";
import { parseCommandArgs, requireString, UsageError, type CommandSpec } from "../args";
import { workspaceBySlug } from "../workspace";

export const spec: CommandSpec = {
  name: "api-key:create",
  summary: "Create an API key for a workspace. The key is printed once and only its hash is stored.",
  usage: `api-key:create --workspace <slug> --name <name> --scopes <${apiKeyScopes.join(",")}> [--per-minute <1..1000000, default ${DEFAULT_API_KEY_PER_MINUTE}>]`,
  options: { workspace: { type: "string" }, name: { type: "string" }, scopes: { type: "string" }, "per-minute": { type: "string" } },
};

export async function run(db: Db, argv: string[], out: Writable): Promise<number> {
  const values = parseCommandArgs(spec, argv);
  const name = requireString(values, "name");
  const scopes = requireString(values, "scopes")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = scopes.filter((s) => !apiKeyScopes.includes(s as ApiKeyScope));
  if (unknown.length > 0) throw new UsageError(`unknown scope ${unknown.join(", ")}; scopes are ${apiKeyScopes.join(", ")}`);
  const rateLimitPerMinute = perMinute(values["per-minute"]);
  const ws = await workspaceBySlug(db, requireString(values, "workspace"));
  const key = await createApiKey(db, { workspaceId: ws.id, name, scopes: [...new Set(scopes)] as ApiKeyScope[], rateLimitPerMinute });
  const limit = rateLimitPerMinute === null ? `${DEFAULT_API_KEY_PER_MINUTE} requests a minute, the default` : `${rateLimitPerMinute} requests a minute`;
  out.write(
    `API key "${name}" for "${ws.slug}" (${scopes.join(", ")}; ${limit}):\n\n  ${key.key}\n\nCopy it now: it is not stored and cannot be shown again.\n`,
  );
  return 0;
}

/** --per-minute, read as the Settings form reads it (same schema); absent: the default (null). */
function perMinute(value: string | boolean | undefined): number | null {
  if (value === undefined) return null;
  const parsed = rateLimitPerMinuteSchema.safeParse(typeof value === "string" ? value : "");
  if (!parsed.success) throw new UsageError(`--per-minute ${JSON.stringify(value)}: ${parsed.error.issues[0]!.message}`);
  // Given but blank ("--per-minute ''") is a mistake here, not a request for the default.
  if (parsed.data === null) throw new UsageError("--per-minute needs a number of requests a minute, 1 to 1,000,000; leave the option out for the default");
  return parsed.data;
}
