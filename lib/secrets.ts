import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "./env";

export type Secrets = { authSecret: string };

let cached: Secrets | undefined;

/**
 * Secrets come from the environment; any that are absent are generated once and kept in DATA_DIR/secrets.json
 * (mode 0600), so the first run needs no configuration and restarts keep sessions valid. Several instances
 * on PostgreSQL must be given AUTH_SECRET explicitly, since they do not share a DATA_DIR.
 */
export function loadSecrets(): Secrets {
  if (cached) return cached;
  const { AUTH_SECRET, DATA_DIR } = env();
  const file = path.join(DATA_DIR, "secrets.json");
  let stored: Partial<Secrets> = {};
  try {
    stored = JSON.parse(readFileSync(file, "utf8")) as Partial<Secrets>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw new Error(`Cannot read ${file}: ${(error as Error).message}`);
  }
  const generated: Secrets = { authSecret: stored.authSecret ?? randomBytes(32).toString("base64url") };
  if (!stored.authSecret && !AUTH_SECRET) {
    mkdirSync(DATA_DIR, { recursive: true });
    writeFileSync(file, JSON.stringify(generated, null, 2), { mode: 0o600 });
  }
  cached = { authSecret: AUTH_SECRET ?? generated.authSecret };
  return cached;
}
