import { bulkPhone } from "../lib/seed/bulk-ledger";
import { metaPost, newWamid, textMessage } from "../testing/meta-cloud";
import type { HttpBenchSetup } from "./http-setup";

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

/** A check that the app took a prepared request: an error naming it, the status and the body otherwise. */
export const answeredOk =
  (what: string, serverLog?: () => string) =>
  async (res: Response): Promise<void> => {
    if (!res.ok) throw new Error(`${what} answered ${res.status}: ${await res.text()}${serverLog ? `\n${serverLog().split("\n").slice(-20).join("\n")}` : ""}`);
    await res.arrayBuffer();
  };

/**
 * Builders of the two machine writes the bench sends, numbered across the whole run so no two share a key or a
 * message id: `POST /api/v1/consents` for numbers past the seeded ones (opt-in twice, opt-out once in three), and a
 * signed WhatsApp STOP from numbers the seed opted in.
 */
export function writeRequests(s: HttpBenchSetup) {
  let written = 0;
  let stops = 0;
  return {
    consent: (k: number): Prepared => ({
      url: `${s.app.base}/api/v1/consents`,
      init: {
        method: "POST",
        body: JSON.stringify({
          phone: bulkPhone(s.contacts + (written++ % 5000)),
          categories: ["offers"],
          action: k % 3 ? "opt_in" : "opt_out",
          channel: "api",
          evidence: { system: "bench" },
        }),
        headers: { "content-type": "application/json", authorization: `Bearer ${s.keys[k % s.keys.length]!}`, "idempotency-key": crypto.randomUUID() },
      },
    }),
    stop: (): Prepared => metaPost(s.whatsapp.url, textMessage(bulkPhone(stops++ % s.contacts), "STOP", newWamid()), s.whatsapp.appSecret),
  };
}
