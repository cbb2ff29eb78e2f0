import "server-only";
import type { DbOrTx } from "../db/client";
import { deliverDue, type DeliverOptions } from "./deliver";
import { dispatchOutbox } from "./dispatch";

export type WebhookWorker = { wake(): void; stop(): Promise<void> };

/** One pass: hand new outbox messages to endpoints, then send what is due, until nothing is left to do now. */
export async function runWebhookPass(db: DbOrTx, options: DeliverOptions = {}): Promise<{ dispatched: number; attempted: number }> {
  let dispatched = 0;
  let attempted = 0;
  for (;;) {
    const d = await dispatchOutbox(db);
    const a = await deliverDue(db, options);
    dispatched += d;
    attempted += a;
    if (d === 0 && a === 0) return { dispatched, attempted };
  }
}

/**
 * Polls every `intervalMs` (a second by default, so an opt-out reaches the business within seconds) and can be
 * woken at once. Passes never overlap within a process; across processes SKIP LOCKED keeps them apart.
 */
export function startWebhookWorker(db: DbOrTx, options: DeliverOptions & { intervalMs?: number; onError?: (e: unknown) => void } = {}): WebhookWorker {
  const { intervalMs = 1000, onError = (e) => console.error("webhook worker:", e), ...deliver } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  let again = false;
  const tick = async () => {
    timer = undefined;
    do {
      again = false;
      try {
        await runWebhookPass(db, deliver);
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
    },
  };
}
