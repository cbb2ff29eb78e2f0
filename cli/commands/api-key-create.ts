import type { Writable } from "node:stream";
import { apiKeyScopes, createApiKey, type ApiKeyScope } from "../../lib/api-keys/keys";
import type { Db } from "../../lib/db/client";
import { parseCommandArgs, requireString, UsageError, type CommandSpec } from "../args";
import { workspaceBySlug } from "../workspace";

export const spec: CommandSpec = {
  name: "api-key:create",
  summary: "Create an API key for a workspace. The key is printed once and only its hash is stored.",
  usage: `api-key:create --workspace <slug> --name <name> --scopes <${apiKeyScopes.join(",")}>`,
  options: { workspace: { type: "string" }, name: { type: "string" }, scopes: { type: "string" } },
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
  const ws = await workspaceBySlug(db, requireString(values, "workspace"));
  const key = await createApiKey(db, { workspaceId: ws.id, name, scopes: [...new Set(scopes)] as ApiKeyScope[] });
  out.write(`API key "${name}" for "${ws.slug}" (${scopes.join(", ")}):\n\n  ${key.key}\n\nCopy it now: it is not stored and cannot be shown again.\n`);
  return 0;
}
