import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { queryRows } from "../ledger/lookups";
import { postJson, type PostOutcome } from "./post";
import { retryDelaySeconds, RETRY_DELAYS_SECONDS } from "./retry-schedule";
import { openSecret } from "./secret-seal";
import { signatureHeaders } from "./signature";
import { privateNetworksAllowed } from "./target-guard";

export type DeliverOptions = {
  batch?: number;
  retryDelays?: readonly number[];
  /** How long a claimed delivery stays hidden from other workers; longer than one attempt can take. */
  leaseSeconds?: number;
  allowPrivate?: boolean;
};

type Claimed = {
  id: string;
  outbox_id: string;
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

/**
 * Claims due deliveries (SKIP LOCKED, with a lease so a crashed worker's claims come back), posts each, and
 * records the attempt and the outcome. Returns how many were attempted.
 */
export async function deliverDue(db: DbOrTx, options: DeliverOptions = {}): Promise<number> {
  const { batch = 20, leaseSeconds = 60, retryDelays = RETRY_DELAYS_SECONDS, allowPrivate = privateNetworksAllowed() } = options;
  const claimed = await queryRows<Claimed>(
    db,
    sql`with due as (
        select d.id from webhook_deliveries d
        join webhook_endpoints e on e.id = d.endpoint_id and e.status = 'active' and e.removed_at is null
        where d.status = 'pending' and d.next_attempt_at <= now()
        order by d.next_attempt_at limit ${batch}
        for update of d skip locked)
      update webhook_deliveries d
      set attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => ${leaseSeconds})
      from due, webhook_endpoints e, outbox o left join contacts c on c.id = (o.payload->>'contactId')::uuid and c.workspace_id = o.workspace_id
      where d.id = due.id and e.id = d.endpoint_id and o.id = d.outbox_id
      returning d.id, d.outbox_id, d.topic, d.attempts, e.url, e.secret_sealed, e.previous_secret_sealed, e.previous_secret_expires_at,
        case when o.payload ? 'contactId'
          then o.payload || jsonb_build_object('phone', c.phone, 'userId', c.bsuid) else o.payload end as payload, o.created_at`,
  );
  await Promise.all(claimed.map((delivery) => attempt(db, delivery, retryDelays, allowPrivate)));
  return claimed.length;
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
