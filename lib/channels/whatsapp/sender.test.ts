import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGraphApi } from "../../../testing/graph-api";
import { CloudApiError, createCloudApiSender } from "./sender";

const accessToken = "EAAG-sender-test-token";
const phoneNumberId = "106540352242922";

describe("the Cloud API sender, against a stand-in that answers as Meta documents", () => {
  let graph: Awaited<ReturnType<typeof startGraphApi>>;
  let send: ReturnType<typeof createCloudApiSender>;
  beforeAll(async () => {
    graph = await startGraphApi({ accessToken, phoneNumberIds: [phoneNumberId] });
    send = createCloudApiSender(() => `${graph.url}/`);
  });
  afterAll(() => graph?.close());

  it("sends a text to a wa_id and resolves with the message id Meta gave", async () => {
    const accepted = await send({ phoneNumberId, accessToken, to: "15551230001", text: "You're subscribed." });
    expect(accepted).toEqual({ messageId: graph.sent.at(-1)!.id });
    expect(graph.sent.at(-1)!.body).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "15551230001",
      type: "text",
      text: { body: "You're subscribed." },
    });
  });

  it("sends choices as Meta's interactive reply buttons, or as a list message with its button label", async () => {
    const choices = [
      { id: "assent:optin:6f1c1a52-3c1e-4d8a-9d59-2a4a1f0e7b10:offers", title: "Offers" },
      { id: "assent:optin:6f1c1a52-3c1e-4d8a-9d59-2a4a1f0e7b10:tips", title: "Tips" },
    ];
    await send({ phoneNumberId, accessToken, to: "15551230001", text: "Which would you like?", interactive: { format: "buttons", choices } });
    expect(graph.sent.at(-1)!.body).toMatchObject({
      type: "interactive",
      interactive: {
        type: "button",
        body: { text: "Which would you like?" },
        action: { buttons: choices.map((c) => ({ type: "reply", reply: c })) },
      },
    });
    await send({
      phoneNumberId,
      accessToken,
      to: "15551230001",
      text: "Which would you like?",
      interactive: { format: "list", choices, listButton: "Choose" },
    });
    expect(graph.sent.at(-1)!.body).toMatchObject({
      type: "interactive",
      interactive: { type: "list", body: { text: "Which would you like?" }, action: { button: "Choose", sections: [{ rows: choices }] } },
    });
    // A title over 20 characters is refused as Meta refuses it: the reply's builder must cut labels first.
    const refused = await send({
      phoneNumberId,
      accessToken,
      to: "15551230001",
      text: "Which?",
      interactive: { format: "buttons", choices: [{ id: "x", title: "A name far too long for a button" }] },
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CloudApiError);
    expect(String(refused)).toContain("title'] must be 1 to 20 characters");
  });

  it("answers a person known only by a business-scoped user id at `recipient`, and never sends more than 4,096 characters", async () => {
    await send({ phoneNumberId, accessToken, recipient: "US.13491208655302741918", text: "x".repeat(5000) });
    const { body } = graph.sent.at(-1)!;
    expect(body).toMatchObject({ recipient: "US.13491208655302741918" });
    expect(body).not.toHaveProperty("to");
    expect((body.text as { body: string }).body).toHaveLength(4096);
  });

  it("a token Meta refuses is an error naming code 190, and the token is not in it", async () => {
    const error = await send({ phoneNumberId, accessToken: "EAAG-revoked", to: "15551230001", text: "hi" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CloudApiError);
    expect(error).toMatchObject({ status: 401, code: 190 });
    expect(String(error)).toContain("Invalid OAuth access token");
    expect(String(error)).not.toContain("EAAG-revoked");
  });

  it("a phone number id the business does not own is an error naming code 100/33", async () => {
    const error = await send({ phoneNumberId: "999", accessToken, to: "15551230001", text: "hi" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: 100, subcode: 33 });
    expect((error as CloudApiError).traceId).toEqual(expect.any(String));
  });

  it("an answer that is not Meta's JSON is still a clear error", async () => {
    const proxy = createServer((_req, res) => res.writeHead(502, "Bad Gateway", { "content-type": "text/html" }).end("<html>bad gateway</html>"));
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = proxy.address() as AddressInfo;
      const error = await createCloudApiSender(() => `http://127.0.0.1:${port}`)({ phoneNumberId, accessToken, to: "1555", text: "hi" }).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ status: 502, code: null, message: "Cloud API answered 502: Bad Gateway" });
    } finally {
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });
});
