import { randomUUID } from "node:crypto";
import { extractConfirmationCode } from "../lib/confirmations/code-format";
import { signedMetaRequest, textMessage } from "./meta-cloud";

/**
 * What the proof suites send a running app over HTTP, as its real clients do: the hosted form's plain POST (a
 * browser without JavaScript), the API with a key, and WhatsApp notifications signed as Meta signs them.
 *
 * Client addresses: the app takes the right-most X-Forwarded-For entry as the client (lib/server/request-meta.ts),
 * the one the reverse proxy in front of it adds. The suites stand in for that proxy and add one per simulated
 * client, so per-address limits apply per client as they do in a deployment behind a proxy.
 */

const decode = (v: string) =>
  v
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/**
 * What a browser sends for the page's form before the person answers: every text and hidden input with its value
 * (the submission id, the language, the empty honeypot) and each select's chosen option.
 * Checkboxes count only when ticked, so they are left to the caller.
 */
export function initialFormFields(html: string): Map<string, string> {
  const form = /<form[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1] ?? "";
  const attr = (tag: string, name: string) => {
    const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
    return m ? decode(m[1]!) : undefined;
  };
  const fields = new Map<string, string>();
  for (const input of form.match(/<input[^>]*>/g) ?? []) {
    const name = attr(input, "name");
    const type = attr(input, "type") ?? "text";
    if (name && !["checkbox", "radio", "submit", "button", "file"].includes(type)) fields.set(name, attr(input, "value") ?? "");
  }
  for (const select of form.match(/<select[\s\S]*?<\/select>/g) ?? []) {
    const name = attr(select.slice(0, select.indexOf(">") + 1), "name");
    const options = select.match(/<option[^>]*>/g) ?? [];
    const chosen = options.find((o) => /\sselected(=""|\s|>)/.test(o)) ?? options[0];
    if (name && chosen) fields.set(name, attr(chosen, "value") ?? "");
  }
  return fields;
}

/** The first form's action attribute (where a browser posts it), if it has one. */
export function formAction(html: string): string | undefined {
  const tag = /<form[^>]*>/.exec(html)?.[0] ?? "";
  const m = /\saction="([^"]*)"/.exec(tag);
  return m ? decode(m[1]!) : undefined;
}

export type FormSubmission = { status: number; receiptUrl: string | null; commandId: string | null; body: string };

/**
 * Opens the hosted form and posts it back as a browser with JavaScript off does: multipart, the page's hidden
 * fields plus the person's answers. A sign-up is answered with a redirect to its receipt, whose address names the
 * command; anything else (a refusal shown on the form) leaves `commandId` null.
 */
export async function submitHostedForm(
  base: string,
  path: string,
  answers: { phone: string; categories: string[]; name?: string },
  ip: string,
  /** Where the answers go, when a load balancer sends the POST to another instance than the page came from. */
  postBase = base,
): Promise<FormSubmission> {
  const headers = { "x-forwarded-for": ip, "user-agent": "assent-proof-suite" };
  const page = await fetch(`${base}${path}`, { headers });
  if (page.status !== 200) return { status: page.status, receiptUrl: null, commandId: null, body: await page.text() };
  const html = await page.text();
  const fields = initialFormFields(html);
  // The form posts to its stable address (/f/{workspace}/{form}/submit), as named in its action attribute.
  const action = formAction(html) ?? path;
  fields.set("phone", answers.phone);
  if (answers.name) fields.set("name", answers.name);
  const data = new FormData();
  for (const [name, value] of fields) data.append(name, value);
  for (const key of answers.categories) data.append("categories", key);
  const response = await fetch(`${postBase}${action}`, { method: "POST", body: data, headers: { ...headers, origin: postBase }, redirect: "manual" });
  const location = response.headers.get("location");
  const commandId = location ? (/\/receipt\/([0-9a-f-]{36})/.exec(location)?.[1] ?? null) : null;
  return { status: response.status, receiptUrl: location && new URL(location, postBase).toString(), commandId, body: await response.text() };
}

/** The one-time confirmation code on a receipt page ("Confirm on WhatsApp"), if it offers one. */
export async function receiptConfirmationCode(receiptUrl: string, ip: string): Promise<string | undefined> {
  const html = await (await fetch(receiptUrl, { headers: { "x-forwarded-for": ip } })).text();
  const link = /href="(https:\/\/wa\.me\/[^"]*)"/.exec(html)?.[1];
  return link ? extractConfirmationCode(new URL(decode(link)).searchParams.get("text") ?? "") : undefined;
}

export type ApiAnswer = { status: number; json: any };

export async function callAppApi(
  base: string,
  key: string,
  path: string,
  options: { body?: unknown; ip?: string; headers?: Record<string, string> } = {},
): Promise<ApiAnswer> {
  const response = await fetch(`${base}${path}`, {
    method: options.body === undefined ? "GET" : "POST",
    headers: {
      authorization: `Bearer ${key}`,
      "x-forwarded-for": options.ip ?? "198.51.100.10",
      ...(options.body === undefined ? {} : { "content-type": "application/json" }),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = { unparsed: text.slice(0, 500) };
  }
  return { status: response.status, json };
}

/** POST /api/v1/consents with a fresh idempotency key (or the one given, for retries). */
export function postConsent(
  base: string,
  key: string,
  command: { phone: string; categories: string[]; action: "opt_in" | "opt_out" | "confirm" },
  options: { ip?: string; idempotencyKey?: string } = {},
): Promise<ApiAnswer> {
  return callAppApi(base, key, "/api/v1/consents", {
    body: { ...command, channel: "api", evidence: { system: "proof-suite" } },
    ip: options.ip,
    headers: { "idempotency-key": options.idempotencyKey ?? randomUUID() },
  });
}

/** A WhatsApp notification, as Meta delivers it to the workspace's webhook, signed. */
export async function sendWhatsApp(base: string, workspace: string, appSecret: string, payload: unknown): Promise<number> {
  const response = await fetch(signedMetaRequest(`${base}/api/webhooks/whatsapp/${workspace}`, payload, appSecret));
  await response.text();
  return response.status;
}

/** A WhatsApp text message from `from`. */
export function sendWhatsAppText(base: string, workspace: string, appSecret: string, from: string, text: string): Promise<number> {
  return sendWhatsApp(base, workspace, appSecret, textMessage(from, text));
}

export type LedgerEventRow = {
  id: string;
  phone: string | null;
  seq: number;
  commandId: string;
  category: string;
  action: string;
  channel: string;
  optInLevel: string | null;
  recordedAt: string;
  evidence: Record<string, unknown>;
};

/**
 * The workspace's whole ledger over the API, oldest first, as a client following the feed reads it. The feed shows
 * an event once every older transaction on the database server has ended (lib/api/events.ts), so a run that just
 * ended, or another suite's transaction on the same server, can hold the newest back for a moment: with `atLeast`
 * (the count verify() read from the table itself) the client keeps polling from its sync cursor until it has that
 * many, for up to a minute, and returns what it has then. Nothing is taken on trust: a lost event is missing from
 * the table too.
 */
export async function listAllEvents(base: string, key: string, options: { atLeast?: number } = {}): Promise<LedgerEventRow[]> {
  const events: LedgerEventRow[] = [];
  const deadline = Date.now() + 60_000;
  let cursor: string | null = null;
  for (;;) {
    const answer = await callAppApi(base, key, `/api/v1/events?limit=1000${cursor ? `&cursor=${cursor}` : ""}`);
    if (answer.status !== 200) throw new Error(`GET /api/v1/events answered ${answer.status}: ${JSON.stringify(answer.json)}`);
    events.push(...answer.json.data);
    if (answer.json.nextCursor) {
      cursor = answer.json.nextCursor;
      continue;
    }
    if (events.length >= (options.atLeast ?? 0) || Date.now() > deadline) return events;
    cursor = answer.json.syncCursor;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export type LedgerVerification = { ok: boolean; contacts: number; events: number; problems: { kind: string; message: string }[] };

/** The app's own verify() of the workspace (hashes, chains, state = fold(events), checkpoints). */
export async function verifyOverApi(base: string, key: string): Promise<LedgerVerification> {
  const answer = await callAppApi(base, key, "/api/v1/ledger/verify");
  if (answer.status !== 200) throw new Error(`GET /api/v1/ledger/verify answered ${answer.status}: ${JSON.stringify(answer.json)}`);
  return answer.json;
}

/** Runs `jobs` with at most `concurrency` in flight, as that many clients would. */
export async function runConcurrently<T>(jobs: (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, jobs.length) }, async () => {
      while (next < jobs.length) {
        const i = next++;
        results[i] = await jobs[i]!();
      }
    }),
  );
  return results;
}
