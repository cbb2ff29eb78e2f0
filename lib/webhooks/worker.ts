import "server-only";
import type { DbOrTx } from "../db/client";
import { createDeliveryPool, type PoolOptions } from "./delivery-pool";
import { dispatchOutbox } from "./dispatch";

export type WebhookWorker = { wake(): void; stop(): Promise<void> };

/**
 * One pass, for tests and scripts: hand new outbox messages to endpoints and send what is due, through the same
 * pool as the worker, until nothing is left to do now (retries due at once included).
 */
export async function runWebhookPass(db: DbOrTx, options: PoolOptions = {}): Promise<{ dispatched: number; attempted: number }> {
  const pool = createDeliveryPool(db, options);
  let dispatched = 0;
  let attempted = 0;
  try {
    for (;;) {
      const d = await dispatchOutbox(db);
      const a = await pool.fill();
      dispatched += d;
      attempted += a;
      if (d === 0 && a === 0) {
        if (pool.size === 0) return { dispatched, attempted };
        await pool.settled();
      }
    }
  } finally {
    await pool.drain();
  }
}

/**
 * Polls every `intervalMs` (a second by default, so an opt-out reaches the business within seconds), can be
 * woken at once, and wakes itself whenever a delivery ends, to fill its slot. A pass only claims and starts
 * deliveries, never waits for them, so a slow endpoint delays nothing but its own deliveries. Passes never
 * overlap within a process; across processes SKIP LOCKED and the lease keep them apart.
 */
export function startWebhookWorker(db: DbOrTx, options: PoolOptions & { intervalMs?: number } = {}): WebhookWorker {
  const { intervalMs = 1000, onError = (e) => console.error("webhook worker:", e), ...deliver } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  let again = false;
  const pool = createDeliveryPool(db, { ...deliver, onError }, () => !stopped && start());
  const tick = async () => {
    timer = undefined;
    do {
      again = false;
      try {
        for (;;) {
          const d = await dispatchOutbox(db);
          const a = await pool.fill();
          if (d === 0 && a === 0) break;
        }
      } catch (error) {
        onError(error);
      }
    } while (again && !stopped);
    running = undefined;
    if (!stopped) timer = setTimeout(start, intervalMs);
  };
  const start = () => {
    if (running) {
      again = true;
      return;
    }
    if (timer) clearTimeout(timer);
    running = tick();
  };
  timer = setTimeout(start, 0);
  return {
    wake: () => !stopped && start(),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      // What is in flight finishes and is recorded (an abandoned claim would wait out its lease).
      await pool.drain();
    },
  };
}
