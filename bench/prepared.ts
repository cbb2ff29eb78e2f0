/**
 * Requests built before the clock starts. The load generator shares the two cores with the server it measures, so
 * work it does per request (signing a webhook as Meta would, serialising a body) is taken from the server and
 * charged to the figure, while the floor's requests carry none. Building them first leaves the client only the
 * sending, as for the floor; each request is still new (its own message id, idempotency key or submission id).
 */
export type Prepared = { url: string; init: RequestInit };

/**
 * `count` requests made by `build(k)` for k = 0, 1, …, sent one after another by the returned task whatever index it
 * is called with (measure() counts from 0 in every round), checked by `check`. Building past `count` is an error:
 * reusing a request would measure a replay.
 */
export function preparedTask(count: number, build: (k: number) => Prepared, check: (res: Response) => Promise<void>): () => Promise<void> {
  const requests = Array.from({ length: count }, (_, k) => build(k));
  let next = 0;
  return async () => {
    const r = requests[next++];
    if (!r) throw new Error(`only ${count} requests were prepared`);
    await check(await fetch(r.url, r.init));
  };
}
