import { z } from "zod";

/**
 * The only reader of process.env. Everything configurable is named and validated here, so a typo in a
 * deployment fails at start with the variable's name instead of surfacing later as odd behaviour.
 */
const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /** Where the embedded database (PGlite) and generated secrets live. */
    DATA_DIR: z.string().min(1).default("./data"),
    /** postgres://… selects PostgreSQL; absent selects the embedded PGlite under DATA_DIR. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
    /** Signs sessions. Generated once and kept in DATA_DIR when absent. */
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    /** Optional single sign-on: an OpenID Connect issuer and this app's client registration with it. */
    OIDC_ISSUER: z.string().url().optional(),
    OIDC_CLIENT_ID: z.string().optional(),
    OIDC_CLIENT_SECRET: z.string().optional(),
    /** The label on the single sign-on button, e.g. "Okta" or "Google Workspace". */
    OIDC_NAME: z.string().max(60).optional(),
    /** Auth.js reads this itself: when set, the base of every sign-in URL instead of the address of the request. */
    AUTH_URL: z.string().url().optional(),
    /** The public base URL, used in links we print or send (preference centre, forms). */
    APP_URL: z.string().url().optional(),
    /** Sends invitations and password reset links by email: smtp://user:pass@host:587 or smtps://…:465. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, "must be an smtp:// or smtps:// URL")
      .refine((v) => URL.canParse(v), "must be an smtp:// or smtps:// URL")
      .optional(),
    /** The sender of those emails, e.g. "Assent <no-reply@example.com>". */
    SMTP_FROM: z
      .string()
      .regex(/^(?:[^<>\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, 'must be an address, or a name and <address>, e.g. "Assent <no-reply@example.com>"')
      .optional(),
    /**
     * The Graph API base that WhatsApp replies are sent through. Meta's own by default; tests and staging point it at
     * a stand-in (testing/graph-api.ts) that answers in the Cloud API's documented format.
     */
    WHATSAPP_GRAPH_URL: z
      .string()
      .url()
      .regex(/^https?:\/\/[^/?#]+\/?$/, "must be a base URL with no path, e.g. https://graph.facebook.com")
      .default("https://graph.facebook.com"),
    /** Let webhook endpoints be http:// or private addresses (always allowed outside production). */
    WEBHOOKS_ALLOW_PRIVATE_NETWORKS: z.enum(["0", "1", "true", "false"]).optional(),
    /** "off" sends every PostgreSQL statement unprepared, for poolers that cannot keep prepared statements (lib/db/prepared-statements.ts). */
    DATABASE_PREPARED_STATEMENTS: z.enum(["on", "off"]).default("on"),
    /** "off" stops this instance delivering outgoing webhooks (another instance, or none, does it). */
    WEBHOOK_WORKER: z.enum(["on", "off"]).default("on"),
    /**
     * How often the ledger's new events are sealed into a checkpoint, in seconds (0: only by hand). Each instance
     * looks; a workspace gets at most one checkpoint per interval, and none when nothing new was written.
     */
    LEDGER_CHECKPOINT_INTERVAL_SECONDS: z.coerce
      .number()
      .int("must be a whole number of seconds")
      .min(0, "must be 0 (off) or more")
      .max(86_400, "must be at most 86400 (a day)")
      .default(300),
    /** An RFC 3161 time-stamping authority: each checkpoint's hash is timestamped by it (none when unset). */
    TSA_URL: z
      .string()
      .regex(/^https?:\/\//, "must be an http:// or https:// URL")
      .refine((v) => URL.canParse(v), "must be an http:// or https:// URL")
      .optional(),
    /**
     * How many reverse proxies in front of the app append to X-Forwarded-For: the client's address, for rate limits
     * and evidence, is the entry that many from the right (the ones further left are the client's to invent).
     */
    TRUSTED_PROXY_HOPS: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(5, "must be at most 5").default(1),
    /** Skip creating the demo workspace on an empty database. */
    ASSENT_NO_DEMO: z.enum(["0", "1", "true", "false"]).optional(),
    /** Tests only: a PostgreSQL server on which the suites create and drop their own database. */
    TEST_DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
    /** Tests only: how many submissions the proof suites (e2e/crash, races, scale-out) send; 200 when unset. */
    ASSENT_PROOF_SCALE: z.coerce.number().int().min(1).optional(),
    /** Bench only: "1" turns on /api/bench/noop and /bench/bare, the trivial handler and the bare page figures are measured against. */
    ASSENT_BENCH_ROUTES: z.enum(["0", "1"]).optional(),
    /** Set by Next.js while it builds; nothing may touch the database then. */
    NEXT_PHASE: z.string().optional(),
  })
  .refine((v) => !v.SMTP_URL || v.SMTP_FROM, { path: ["SMTP_FROM"], message: "is required when SMTP_URL is set (the sender of invitations and reset links)" });

export type Env = z.infer<typeof schema>;

function blankToUndefined(source: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = source[key];
    out[key] = value === undefined || value.trim() === "" ? undefined : value;
  }
  return out;
}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = schema.safeParse(blankToUndefined(source));
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function isBuildPhase(): boolean {
  return env().NEXT_PHASE === "phase-production-build";
}

export function demoEnabled(): boolean {
  const flag = env().ASSENT_NO_DEMO;
  return !(flag === "1" || flag === "true");
}
