import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { queryRows } from "../db/sql";
import { postJson, type PostOutcome } from "./post";
import { retryDelaySeconds, RETRY_DELAYS_SECONDS } from "./retry-schedule";
import { openSecret } from "./secret-seal";
import { signatureHeaders } from "./signature";
import { privateNetworksAllowed } from "./target-guard";

export type DeliverOptions = {
  retryDelays?: readonly number[];
  /** How long a claimed delivery stays hidden from other workers; longer than one attempt can take. */
  leaseSeconds?: number;
  allowPrivate?: boolean;
};

export type Claimed = {
  id: string;
  outbox_id: string;
  endpoint_id: string;
  topic: string;
  attempts: number;
  url: string;
  secret_sealed: string;
  previous_secret_sealed: string | null;
  previous_secret_expires_at: Date | string | null;
  payload: unknown;
  created_at: Date | string;
};

/** The body every receiver gets: the Standard Webhooks envelope around the outbox message. */
export function webhookBody(topic: string, createdAt: Date | string, payload: unknown): string {
  return JSON.stringify({ type: topic, timestamp: new Date(createdAt).toISOString(), data: payload });
}

export type ClaimLimits = {
  /** Most deliveries to claim now: the caller's free slots. */
  limit: number;
  /** Most deliveries in flight per endpoint in this process... */
  perEndpoint: number;
  /** ...counting those already in flight here, by endpoint id. */
  busy: ReadonlyMap<string, number>;
  leaseSeconds?: number;
};

/**
 * Claims due deliveries (SKIP LOCKED, with a lease so a crashed worker's claims come back), at most
 * `perEndpoint` in flight per endpoint: an endpoint that is slow or hangs keeps only its own slots busy, and the
 * deliveries behind it for other endpoints are claimed past it. Each claim counts as an attempt.
 */
export async function claimDue(db: DbOrTx, { limit, perEndpoint, busy, leaseSeconds = 60 }: ClaimLimits): Promise<Claimed[]> {
  if (limit <= 0) return [];
  const inFlight = JSON.stringify(Object.fromEntries(busy));
  return queryRows<Claimed>(
    db,
    sql`with busy as (select key::uuid as endpoint_id, value::int as n from jsonb_each_text(${inFlight}::jsonb)),
      due as (
        select d.id, d.endpoint_id, d.next_attempt_at from webhook_deliveries d
        join webhook_endpoints e on e.id = d.endpoint_id and e.status = 'active' and e.removed_at is null
        where d.status = 'pending' and d.next_attempt_at <= now()
          and not exists (select 1 from busy b where b.endpoint_id = d.endpoint_id and b.n >= ${perEndpoint})
        order by d.next_attempt_at limit ${Math.max(limit, 100)}
        for update of d skip locked),
      picked as (
        select r.id from (
          select due.id, due.next_attempt_at, coalesce(b.n, 0) + row_number() over (partition by due.endpoint_id order by due.next_attempt_at) as slot
          from due left join busy b on b.endpoint_id = due.endpoint_id) r
        where r.slot <= ${perEndpoint}
        order by r.next_attempt_at limit ${limit})
      update webhook_deliveries d
      set attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => ${leaseSeconds})
      from picked, webhook_endpoints e, outbox o left join contacts c on c.id = (o.payload->>'contactId')::uuid and c.workspace_id = o.workspace_id
      where d.id = picked.id and e.id = d.endpoint_id and o.id = d.outbox_id
      returning d.id, d.outbox_id, d.endpoint_id, d.topic, d.attempts, e.url, e.secret_sealed, e.previous_secret_sealed, e.previous_secret_expires_at,
        case when o.payload ? 'contactId'
          then o.payload || jsonb_build_object('phone', c.phone, 'userId', c.bsuid) else o.payload end as payload, o.created_at`,
  );
}

/** Posts one claimed delivery and records the attempt and its outcome (delivered, retry later, or dead). */
export async function attemptDelivery(db: DbOrTx, d: Claimed, options: DeliverOptions = {}): Promise<void> {
  const { retryDelays = RETRY_DELAYS_SECONDS, allowPrivate = privateNetworksAllowed() } = options;
  await attempt(db, d, retryDelays, allowPrivate);
}

async function attempt(db: DbOrTx, d: Claimed, retryDelays: readonly number[], allowPrivate: boolean) {
  const startedAt = new Date();
  let outcome: PostOutcome;
  try {
    const secrets = [openSecret(d.secret_sealed)];
    if (d.previous_secret_sealed && d.previous_secret_expires_at && new Date(d.previous_secret_expires_at) > startedAt) {
      secrets.push(openSecret(d.previous_secret_sealed));
    }
    const body = webhookBody(d.topic, d.created_at, d.payload);
    const headers = signatureHeaders(secrets, d.outbox_id, Math.floor(startedAt.getTime() / 1000), body);
    outcome = await postJson(d.url, body, headers, allowPrivate);
  } catch (error) {
    // A secret that no longer opens (AUTH_SECRET changed) is the likely cause; the log says what to do.
    console.error(`webhook delivery ${d.id} could not be prepared:`, error);
    outcome = { ok: false, statusCode: null, excerpt: null, error: "Could not sign: rotate this endpoint's secret.", durationMs: 0 };
  }
  const delay = outcome.ok ? null : retryDelaySeconds(d.attempts, retryDelays);
  const status = outcome.ok ? "delivered" : delay === null ? "dead" : "pending";
  await db.execute(sql`with logged as (
      insert into webhook_attempts (delivery_id, workspace_id, started_at, duration_ms, status_code, response_excerpt, error)
      select id, workspace_id, ${startedAt.toISOString()}, ${outcome.durationMs}, ${outcome.statusCode}, ${outcome.excerpt}, ${outcome.error}
      from webhook_deliveries where id = ${d.id})
    update webhook_deliveries set
      status = ${status},
      next_attempt_at = now() + make_interval(secs => ${delay ?? 0}),
      last_status_code = ${outcome.statusCode},
      last_error = ${outcome.error},
      delivered_at = ${outcome.ok ? sql`now()` : sql`null`}
    where id = ${d.id}`);
}
