import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * For long CPU work on the request's event loop (reading a 50 MB CSV, checking 100,000 rows): call the returned
 * function between small steps; once `budgetMs` of work has passed since the last pause, or `maxSteps` steps
 * have run, it waits one turn of the event loop, so other requests (every tenant's, /api/health) are answered in
 * between. The step bound makes the turns countable whatever the machine's speed (lib/imports/limits.test.ts
 * checks them); the time bound keeps a slow machine's slices short. Awaiting a stream whose data is already
 * buffered does not give a turn: its promises resolve as microtasks, before any I/O.
 */
export function timeSlicer({ budgetMs = 10, maxSteps = Number.POSITIVE_INFINITY }: { budgetMs?: number; maxSteps?: number } = {}): () => Promise<void> {
  let started = performance.now();
  let steps = 0;
  return async () => {
    steps += 1;
    if (steps < maxSteps && performance.now() - started < budgetMs) return;
    await nextTurn();
    started = performance.now();
    steps = 0;
  };
}
