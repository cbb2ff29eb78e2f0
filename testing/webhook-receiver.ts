import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedWebhook = { headers: IncomingHttpHeaders; body: string; at: Date };

/**
 * A business's webhook receiver, on a local port: records every request and answers with the statuses it is
 * told to (one per request, then 200, or the body it was sent when echoing), so tests can make it fail and recover.
 */
export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = [];
  const answers: (number | { status: number; body: string })[] = [];
  let echo = false;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: new Date() });
      const answer = answers.shift() ?? (echo ? { status: 200, body: received.at(-1)!.body } : 200);
      const { status, body } = typeof answer === "number" ? { status: answer, body: answer < 300 ? "ok" : `failing on purpose (${answer})` } : answer;
      res.writeHead(status, { "content-type": "text/plain" }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    /** The next requests get these statuses (or statuses and bodies), in order. */
    answerWith: (...statuses: (number | { status: number; body: string })[]) => answers.push(...statuses),
    /** From now on, a request with no status told answers 200 with the body it was sent, as some receivers do. */
    echoBodies: (on: boolean) => {
      echo = on;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A receiver that hangs: it takes every connection and request and never answers, like an endpoint whose
 * process is stuck. close() drops the connections it holds.
 */
export async function startHungReceiver() {
  let requests = 0;
  const server = createServer(() => {
    requests++;
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
