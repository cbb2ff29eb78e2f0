import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * For long CPU work on the request's event loop (reading a 50 MB CSV, checking 100,000 rows): call the returned
 * function between small steps; once `budgetMs` of work has passed since the last pause it waits one turn of
 * the event loop, so other requests (every tenant's, /api/health) are answered in between. Awaiting a stream
 * whose data is already buffered does not do that: its promises resolve as microtasks, before any I/O.
 */
export function timeSlicer(budgetMs = 10): () => Promise<void> {
  let started = performance.now();
  return async () => {
    if (performance.now() - started < budgetMs) return;
    await nextTurn();
    started = performance.now();
  };
}
