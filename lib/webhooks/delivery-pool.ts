import "server-only";
import type { DbOrTx } from "../db/client";
import { attemptDelivery, claimDue, type DeliverOptions } from "./deliver";

export type PoolOptions = DeliverOptions & {
  /** Deliveries in flight at once in this process, all endpoints together. */
  maxInFlight?: number;
  /** Deliveries in flight at once per endpoint in this process: what one hung endpoint can hold up. */
  perEndpoint?: number;
  onError?: (e: unknown) => void;
};

export type DeliveryPool = {
  /** Claims as many due deliveries as there are free slots and starts them without waiting; returns how many. */
  fill(): Promise<number>;
  /** Deliveries in flight now. */
  readonly size: number;
  /** Resolves when any delivery in flight has finished (at once when none is). */
  settled(): Promise<void>;
  /** Resolves when every delivery in flight has finished. */
  drain(): Promise<void>;
};

/**
 * Deliveries run side by side, each on its own: a slot is refilled as soon as its attempt ends, never after a
 * whole batch, so one endpoint that hangs (up to the 10 s deadline of each attempt) holds at most `perEndpoint`
 * slots and no other endpoint waits for it. `onSettled` is called after each attempt, to claim the next.
 */
export function createDeliveryPool(db: DbOrTx, options: PoolOptions = {}, onSettled: () => void = () => {}): DeliveryPool {
  const { maxInFlight = 64, perEndpoint = 8, onError = (e) => console.error("webhook delivery:", e), ...deliver } = options;
  const inFlight = new Set<Promise<void>>();
  const byEndpoint = new Map<string, number>();
  return {
    async fill() {
      const claimed = await claimDue(db, { limit: maxInFlight - inFlight.size, perEndpoint, busy: byEndpoint, leaseSeconds: deliver.leaseSeconds });
      for (const d of claimed) {
        byEndpoint.set(d.endpoint_id, (byEndpoint.get(d.endpoint_id) ?? 0) + 1);
        const run: Promise<void> = attemptDelivery(db, d, deliver)
          .catch(onError)
          .finally(() => {
            inFlight.delete(run);
            const left = byEndpoint.get(d.endpoint_id)! - 1;
            if (left > 0) byEndpoint.set(d.endpoint_id, left);
            else byEndpoint.delete(d.endpoint_id);
            onSettled();
          });
        inFlight.add(run);
      }
      return claimed.length;
    },
    get size() {
      return inFlight.size;
    },
    settled: () => (inFlight.size === 0 ? Promise.resolve() : Promise.race(inFlight)),
    drain: async () => {
      while (inFlight.size > 0) await Promise.all(inFlight);
    },
  };
}
