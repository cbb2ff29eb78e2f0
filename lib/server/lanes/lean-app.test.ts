import { request as httpRequest, createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { metaSignature } from "../../channels/whatsapp/signature";
import { createChannelFixture, statesOf, testAccessToken, testAppSecret, type ChannelFixture } from "../../../testing/channel-fixture";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../../testing/databases";
import { testPhone } from "../../../testing/fixtures";
import { startGraphApi } from "../../../testing/graph-api";
import { testPhoneNumberId, textMessage } from "../../../testing/meta-cloud";
import { createLeanApp } from "./lean-app";

/** POSTs `chunks` with Transfer-Encoding: chunked (no Content-Length), as some proxies forward a webhook. */
function postChunked(port: number, path: string, headers: Record<string, string>, chunks: Buffer[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ port, host: "127.0.0.1", path, method: "POST", headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

// The lane sends its replies with the production sender, which reads WHATSAPP_GRAPH_URL from the environment, read
// once per process (first by testDatabaseKinds below): point it at the stand-in before that, so no test reaches Meta.
const graph = await startGraphApi({ accessToken: testAccessToken, phoneNumberIds: [testPhoneNumberId] });
vi.stubEnv("WHATSAPP_GRAPH_URL", graph.url);
afterAll(() => graph.close());

describe.each(testDatabaseKinds())("the lean lane's webhook bodies on %s", (kind) => {
  let t: TestDatabase;
  let fx: ChannelFixture;
  let server: Server;
  let port: number;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createChannelFixture(t.db);
    // Served as server.ts serves it: through the Node adaptor, whose requests are its own lightweight kind.
    server = createServer(getRequestListener(createLeanApp(async () => t).fetch, { overrideGlobalObjects: false }));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await fx?.receiver.close();
    await t?.drop();
  });
  const path = () => `/api/webhooks/whatsapp/${fx.workspace.slug}`;

  it("a chunked, signed STOP is read whole and recorded; a chunked bad signature is refused, not a server error", async () => {
    const phone = testPhone(901);
    const body = Buffer.from(JSON.stringify(textMessage(phone, "STOP")));
    const half = Math.floor(body.length / 2);
    const headers = { "content-type": "application/json", "x-hub-signature-256": metaSignature(body, testAppSecret) };
    expect(await postChunked(port, path(), headers, [body.subarray(0, half), body.subarray(half)])).toBe(200);
    expect(Object.values(await statesOf(t.db, fx.workspace.id, phone))).toContain("opted_out");
    // The stop's confirmation goes out once the webhook has been answered.
    await vi.waitFor(() => expect(graph.sent.map((m) => m.body.to)).toContain(phone.replace(/^\+/, "")), { timeout: 30_000, interval: 50 });
    expect(await postChunked(port, path(), { ...headers, "x-hub-signature-256": "sha256=00" }, [body])).toBe(401);
  });

  it("a chunked body over the limit is refused with 413 once it passes 4 MiB", async () => {
    const mib = Buffer.alloc(1024 * 1024, 0x20);
    expect(await postChunked(port, path(), { "content-type": "application/json" }, [mib, mib, mib, mib, Buffer.from("x")])).toBe(413);
  });
});
