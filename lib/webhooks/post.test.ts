import { createServer as createTcpServer, type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWebhookReceiver } from "../../testing/webhook-receiver";
import { COULD_NOT_CONNECT, postJson } from "./post";
import { responseExcerpt } from "./response-excerpt";

const post = (url: string, allowPrivate = true) => postJson(url, "{}", {}, allowPrivate);

describe("a delivery attempt's outcome", () => {
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let resetting: ReturnType<typeof createTcpServer>;
  let closedPort: number;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    // Takes the connection and drops it at once.
    resetting = createTcpServer((socket) => socket.resetAndDestroy());
    await new Promise<void>((resolve) => resetting.listen(0, "127.0.0.1", resolve));
    const probe = createTcpServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });
  afterAll(async () => {
    await receiver?.close();
    await new Promise<void>((resolve) => resetting.close(() => resolve()));
  });

  it("says the same about a closed port, a reset, and TLS to a port that does not speak it", async () => {
    const port = new URL(receiver.url).port;
    const outcomes = await Promise.all([
      post(`http://127.0.0.1:${closedPort}/hooks`),
      post(`http://127.0.0.1:${(resetting.address() as AddressInfo).port}/hooks`),
      post(`https://127.0.0.1:${port}/hooks`),
    ]);
    for (const outcome of outcomes) expect(outcome).toMatchObject({ ok: false, statusCode: null, excerpt: null, error: COULD_NOT_CONNECT });
  });

  it("keeps a short printable excerpt of 2xx, 4xx and 5xx answers only", async () => {
    const noisy = `<script>alert(1)</script>\r\nSet-Cookie: x=1\u0000\u001b[31m\u202e${"é".repeat(400)}`;
    receiver.answerWith({ status: 500, body: noisy }, { status: 302, body: "moved here" }, { status: 200, body: "  ok\n" });
    const failed = await post(receiver.url);
    expect(failed).toMatchObject({ ok: false, statusCode: 500, error: "Answered 500" });
    expect(failed.excerpt!.startsWith("<script>alert(1)</script> Set-Cookie: x=1 [31m é")).toBe(true);
    expect(Array.from(failed.excerpt!)).toHaveLength(200);
    expect(failed.excerpt).not.toMatch(/[\p{C}\r\n]/u);
    expect(await post(receiver.url)).toMatchObject({ statusCode: 302, excerpt: null });
    expect(await post(receiver.url)).toMatchObject({ ok: true, statusCode: 200, excerpt: "ok" });
  });

  it("refuses a private target before connecting when private networks are not allowed", async () => {
    const before = receiver.received.length;
    const outcome = await post(receiver.url, false);
    expect(outcome).toMatchObject({ ok: false, statusCode: null, excerpt: null });
    expect(outcome.error).toMatch(/^Not sent: /);
    expect(receiver.received).toHaveLength(before);
  });

  it("an excerpt is null for 1xx and 3xx, and for an answer that is only whitespace", () => {
    expect(responseExcerpt(101, Buffer.from("x"))).toBeNull();
    expect(responseExcerpt(307, Buffer.from("x"))).toBeNull();
    expect(responseExcerpt(404, Buffer.from(" \n\t "))).toBeNull();
    expect(responseExcerpt(404, Buffer.from("not\tfound"))).toBe("not found");
  });
});
