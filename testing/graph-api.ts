import { randomBytes } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One message the stand-in accepted, as the Cloud API would have queued it. */
export type GraphSentMessage = { version: string; phoneNumberId: string; authorization: string | undefined; body: Record<string, unknown>; id: string };

/** A refusal to give instead of the next acceptance: Meta's status and error object. */
export type GraphRefusal = { status: number; code: number; message: string; subcode?: number; details?: string };

type Options = { accessToken: string; phoneNumberIds: readonly string[] };

/**
 * A stand-in for Meta's Graph API "send message" endpoint (POST /{version}/{phone-number-id}/messages), on a local
 * port, for what the machine cannot reach. It follows the Cloud API's documented behaviour: a Bearer token that is
 * not the business's answers 401 with an OAuthException (code 190); an unknown phone number id answers 400 (code
 * 100, subcode 33); a body without `messaging_product: "whatsapp"`, a recipient (`to` or `recipient`) or a text body
 * of 1 to 4,096 characters, or an interactive message outside its limits (interactiveProblem), answers 400 (code
 * 100); an accepted message answers 200 with
 * `{ messaging_product, contacts: [{ input, wa_id }], messages: [{ id: "wamid…" }] }`.
 */
export async function startGraphApi({ accessToken, phoneNumberIds }: Options) {
  const sent: GraphSentMessage[] = [];
  const refusals: GraphRefusal[] = [];
  const answer = (res: ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  const error = (res: ServerResponse, r: GraphRefusal) =>
    answer(res, r.status, {
      error: {
        message: r.message,
        // Graph API errors, the Cloud API's among them, all come as OAuthException.
        type: "OAuthException",
        code: r.code,
        ...(r.subcode === undefined ? {} : { error_subcode: r.subcode }),
        ...(r.details === undefined ? {} : { error_data: { messaging_product: "whatsapp", details: r.details } }),
        fbtrace_id: randomBytes(9).toString("base64url"),
      },
    });

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const match = /^\/(v\d+\.\d+)\/([^/]+)\/messages$/.exec(new URL(req.url ?? "/", "http://graph.local").pathname);
      if (req.method !== "POST" || !match) return error(res, { status: 400, code: 100, message: "Unsupported request - method type: post" });
      if (req.headers.authorization !== `Bearer ${accessToken}`) {
        return error(res, { status: 401, code: 190, message: "Invalid OAuth access token - Cannot parse access token" });
      }
      const [, version, rawId] = match;
      const phoneNumberId = decodeURIComponent(rawId!);
      if (!phoneNumberIds.includes(phoneNumberId)) {
        return error(res, {
          status: 400,
          code: 100,
          subcode: 33,
          message: `Unsupported post request. Object with ID '${phoneNumberId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
        });
      }
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      } catch {
        return error(res, { status: 400, code: 100, message: "(#100) Invalid parameter" });
      }
      const to = typeof body.to === "string" && body.to ? body.to : typeof body.recipient === "string" && body.recipient ? body.recipient : null;
      const text = (body.text as { body?: unknown } | undefined)?.body;
      if (body.messaging_product !== "whatsapp") return error(res, { status: 400, code: 100, message: "(#100) The parameter messaging_product is required." });
      if (!to) return error(res, { status: 400, code: 100, message: "(#100) The parameter to is required." });
      if (body.type === "interactive") {
        const problem = interactiveProblem(body.interactive);
        if (problem) return error(res, { status: 400, code: 100, message: `(#100) ${problem}` });
      } else if (body.type !== "text" || typeof text !== "string" || text.length < 1 || text.length > 4096) {
        return error(res, { status: 400, code: 100, message: "(#100) Param text['body'] must be 1 to 4096 characters." });
      }
      const refusal = refusals.shift();
      if (refusal) return error(res, refusal);
      const id = `wamid.${randomBytes(24).toString("base64url")}`;
      sent.push({ version: version!, phoneNumberId, authorization: req.headers.authorization, body, id });
      return answer(res, 200, { messaging_product: "whatsapp", contacts: [{ input: to, wa_id: to }], messages: [{ id }] });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    /** The value for WHATSAPP_GRAPH_URL. */
    url: `http://127.0.0.1:${port}`,
    sent,
    /** The next valid requests are refused with these, in order (a rate limit, a spam block, an outage). */
    refuseNext: (...r: GraphRefusal[]) => refusals.push(...r),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const chars = (v: unknown) => (typeof v === "string" ? [...v].length : -1);

/**
 * What the Cloud API refuses in an interactive message, per its reference: a body of 1 to 1,024 characters; reply
 * buttons: 1 to 3, each with an id of 1 to 256 characters and a title of 1 to 20, titles unique; a list: a button
 * label of 1 to 20 characters and 1 to 10 rows in all, each with an id of 1 to 200 characters and a title of 1 to 24.
 */
function interactiveProblem(value: unknown): string | null {
  const m = value as { type?: unknown; body?: { text?: unknown }; action?: { buttons?: unknown; button?: unknown; sections?: unknown } } | undefined;
  const body = chars(m?.body?.text);
  if (body < 1 || body > 1024) return "Param interactive['body']['text'] must be 1 to 1024 characters.";
  if (m?.type === "button") {
    const buttons = Array.isArray(m.action?.buttons) ? (m.action.buttons as { type?: unknown; reply?: { id?: unknown; title?: unknown } }[]) : [];
    if (buttons.length < 1 || buttons.length > 3) return "Param interactive['action']['buttons'] must have 1 to 3 buttons.";
    for (const b of buttons) {
      if (b.type !== "reply") return "Param interactive['action']['buttons'][]['type'] must be reply.";
      if (chars(b.reply?.id) < 1 || chars(b.reply?.id) > 256) return "Param interactive['action']['buttons'][]['reply']['id'] must be 1 to 256 characters.";
      if (chars(b.reply?.title) < 1 || chars(b.reply?.title) > 20)
        return "Param interactive['action']['buttons'][]['reply']['title'] must be 1 to 20 characters.";
    }
    if (new Set(buttons.map((b) => b.reply?.title)).size < buttons.length) return "Button titles must be unique.";
    return null;
  }
  if (m?.type === "list") {
    if (chars(m.action?.button) < 1 || chars(m.action?.button) > 20) return "Param interactive['action']['button'] must be 1 to 20 characters.";
    const sections = Array.isArray(m.action?.sections) ? (m.action.sections as { rows?: unknown }[]) : [];
    const rows = sections.flatMap((sec) => (Array.isArray(sec.rows) ? (sec.rows as { id?: unknown; title?: unknown }[]) : []));
    if (rows.length < 1 || rows.length > 10) return "A list message must have 1 to 10 rows.";
    for (const r of rows) {
      if (chars(r.id) < 1 || chars(r.id) > 200) return "Param interactive['action']['sections'][]['rows'][]['id'] must be 1 to 200 characters.";
      if (chars(r.title) < 1 || chars(r.title) > 24) return "Param interactive['action']['sections'][]['rows'][]['title'] must be 1 to 24 characters.";
    }
    return null;
  }
  return "Param interactive['type'] must be button or list.";
}
