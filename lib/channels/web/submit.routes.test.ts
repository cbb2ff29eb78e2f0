import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { consentEvents } from "../../db/schema/ledger";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../../testing/databases";
import { createLedgerFixture, testPhone, type LedgerFixture } from "../../../testing/fixtures";
import { readRefusalCookie, refusalCookie } from "./refusal-cookie";
import { refusalCookieName } from "./refusal-cookie-name";
import { submitHostedForm } from "./submit.routes";
import { webOptInIpLimits } from "./opt-in";

vi.stubEnv("AUTH_SECRET", "a-test-secret-of-at-least-32-characters!!");

const origin = "http://assent.test";
let ipCounter = 0;

type Post = { fields?: Record<string, string | string[]>; json?: boolean; headers?: Record<string, string>; ip?: string };

function post(fx: LedgerFixture, { fields = {}, json = false, headers = {}, ip = `192.0.2.${++ipCounter}` }: Post = {}) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries({ submissionId: randomUUID(), language: "en", country: "US", categories: ["orders"], ...fields })) {
    for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  }
  return new Request(`${origin}/f/${fx.workspace.slug}/join/submit`, {
    method: "POST",
    body,
    headers: {
      origin,
      "content-type": "application/x-www-form-urlencoded",
      "x-forwarded-for": ip,
      ...(json ? { accept: "application/json" } : {}),
      ...headers,
    },
  });
}

/** The sealed state a refusal's Set-Cookie carries back to the form. */
function cookieState(response: Response, formPath: string) {
  const header = response.headers.get("set-cookie") ?? "";
  const value = new RegExp(`^${refusalCookieName}=([^;]*)`).exec(header)?.[1];
  return { header, state: readRefusalCookie(value, formPath) };
}

describe.each(testDatabaseKinds())("hosted form submit handler on %s", (kind) => {
  let t: TestDatabase;
  let fx: LedgerFixture;
  let n = 0;
  const submit = (request: Request) => submitHostedForm(t.db, request, { workspace: fx.workspace.slug, form: "join" });
  const eventsFor = async (commandId: string) => t.db.select().from(consentEvents).where(eq(consentEvents.commandId, commandId));
  const eventCount = async () => (await t.db.select().from(consentEvents)).length;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createLedgerFixture(t.db);
  });
  afterAll(() => t?.drop());
  const formPath = () => `/f/${fx.workspace.slug}/join`;
  const phone = () => testPhone(++n).replace("+1", "");

  it("records a post without JavaScript and answers 303 to the receipt, with the preference link", async () => {
    const response = await submit(post(fx, { fields: { phone: phone(), categories: ["orders", "offers"] } }));
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get("location")!, origin);
    const match = new RegExp(`^${formPath()}/receipt/([0-9a-f-]{36})$`).exec(location.pathname);
    expect(match).not.toBeNull();
    expect(location.searchParams.get("lang")).toBe("en");
    expect(location.searchParams.get("t")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const events = await eventsFor(match![1]!);
    expect(events.map((e) => e.categoryKey).sort()).toEqual(["offers", "orders"]);
    expect(events[0]).toMatchObject({ action: "opt_in", channel: "web" });
  });

  it("answers the page's script with JSON: the receipt's address", async () => {
    const response = await submit(post(fx, { json: true, fields: { phone: phone() } }));
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { ok: boolean; receiptUrl: string };
    expect(answer.ok).toBe(true);
    const commandId = /\/receipt\/([0-9a-f-]{36})\?/.exec(answer.receiptUrl)![1]!;
    expect(answer.receiptUrl.startsWith(`${formPath()}/receipt/`)).toBe(true);
    expect(await eventsFor(commandId)).toHaveLength(1);
  });

  it("sends a bad number back to the form in the person's language with what they typed, sealed in a path-scoped cookie; nothing written", async () => {
    const before = await eventCount();
    const response = await submit(post(fx, { fields: { phone: "12", name: "Ana", language: "en" } }));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${formPath()}?lang=en&notice=refused`);
    const { header, state } = cookieState(response, formPath());
    expect(header).toContain(`Path=${formPath()}`);
    expect(header).toContain("HttpOnly");
    expect(header).toContain("SameSite=Lax");
    expect(header).not.toContain('"phone"'); // sealed: nothing typed is readable in the cookie
    expect(state).toMatchObject({
      fields: { phone: "This phone number is too short." },
      values: { phone: "12", name: "Ana", country: "US", categories: ["orders"] },
    });
    // Another form's page does not show it.
    expect(cookieState(response, `/f/${fx.workspace.slug}/other`).state).toBeNull();

    const json = await submit(post(fx, { json: true, fields: { phone: "12" } }));
    expect(json.status).toBe(422);
    expect(json.headers.get("set-cookie")).toBeNull();
    expect(await json.json()).toMatchObject({ ok: false, state: { fields: { phone: "This phone number is too short." } } });
    expect(await eventCount()).toBe(before);
  });

  it("over HTTPS the cookie also works inside another site's frame: SameSite=None, Secure, Partitioned", async () => {
    const response = await submit(post(fx, { fields: { phone: "12" }, headers: { "x-forwarded-proto": "https" } }));
    const { header } = cookieState(response, formPath());
    expect(header).toMatch(/Secure; SameSite=None; Partitioned/);
  });

  it("records a double submit once and shows the same receipt", async () => {
    const fields = { submissionId: randomUUID(), phone: phone() };
    const first = await submit(post(fx, { fields, ip: "192.0.2.240" }));
    const second = await submit(post(fx, { fields, ip: "192.0.2.240" }));
    const commandOf = (r: Response) => /\/receipt\/([0-9a-f-]{36})/.exec(r.headers.get("location")!)![1]!;
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(commandOf(second)).toBe(commandOf(first));
    expect(await eventsFor(commandOf(first))).toHaveLength(1);
  });

  it("refuses a post from another site or without Origin with 403, and writes nothing", async () => {
    const before = await eventCount();
    for (const headers of [{ origin: "https://evil.example" }, { origin: "null" }]) {
      const response = await submit(post(fx, { fields: { phone: phone() }, headers }));
      expect(response.status).toBe(403);
      expect(await response.text()).toMatch(/did not come from this site/);
    }
    const request = post(fx, { fields: { phone: phone() } });
    const headers = new Headers(request.headers);
    headers.delete("origin");
    const missing = await submit(new Request(request, { headers }));
    expect(missing.status).toBe(403);
    const json = await submit(post(fx, { json: true, fields: { phone: phone() }, headers: { origin: "https://evil.example" } }));
    expect(json.status).toBe(403);
    expect(await json.json()).toMatchObject({ ok: false });
    expect(await eventCount()).toBe(before);
  });

  it("refuses the honeypot plainly and writes nothing", async () => {
    const before = await eventCount();
    const response = await submit(post(fx, { json: true, fields: { phone: phone(), company_url: "http://spam.example" } }));
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ ok: false, state: { fields: { form: "We could not accept this sign-up." } } });
    expect(await eventCount()).toBe(before);
  });

  it("refuses what is not a readable form: another content type, too large", async () => {
    const wrongType = new Request(`${origin}${formPath()}/submit`, { method: "POST", body: "{}", headers: { origin, "content-type": "application/json" } });
    expect((await submit(wrongType)).status).toBe(415);
    const large = post(fx, { fields: { phone: phone(), name: "x".repeat(70_000) } });
    expect((await submit(large)).status).toBe(413);
  });

  it("sends a throttled network to the 429 page without JavaScript, and answers 429 with Retry-After with it", async () => {
    const ip = "192.0.2.250";
    for (let i = 0; i < webOptInIpLimits[0].limit; i++) await submit(post(fx, { ip, json: true, fields: { phone: "12" } }));
    const plain = await submit(post(fx, { ip, fields: { phone: phone(), language: "en" } }));
    expect(plain.status).toBe(303);
    expect(plain.headers.get("location")).toMatch(new RegExp(`^${formPath()}/busy\\?lang=en&retry=\\d+$`));
    const json = await submit(post(fx, { ip, json: true, fields: { phone: phone() } }));
    expect(json.status).toBe(429);
    expect(Number(json.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await json.json()).toMatchObject({
      ok: false,
      state: { fields: { form: "Too many attempts from this network. Please wait a few minutes and try again." } },
    });
  });

  it("answers an unknown form as no longer available, in the language posted", async () => {
    const response = await submitHostedForm(t.db, post(fx, { json: true, fields: { phone: phone(), language: "es" } }), {
      workspace: fx.workspace.slug,
      form: "gone",
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ state: { fields: { form: "Este formulario de registro ya no está disponible." } } });
  });
});

describe("the refusal cookie", () => {
  const state = { message: "m", fields: { phone: "bad" }, values: { phone: "+1 201", country: "US", name: "Ana", categories: ["orders"] } };
  const cookieValue = (header: string) => /^[^=]+=([^;]*)/.exec(header)![1]!;

  it("opens only unaltered, for its own form, within two minutes", () => {
    const now = Date.now();
    const value = cookieValue(refusalCookie("/f/a/b", state, false, now));
    expect(readRefusalCookie(value, "/f/a/b", now + 1000)).toEqual(state);
    expect(readRefusalCookie(value, "/f/a/c", now + 1000)).toBeNull();
    expect(readRefusalCookie(value, "/f/a/b", now + 121_000)).toBeNull();
    const tampered = value.slice(0, -3) + (value.endsWith("AAA") ? "BBB" : "AAA");
    expect(readRefusalCookie(tampered, "/f/a/b", now)).toBeNull();
    expect(readRefusalCookie("garbage", "/f/a/b", now)).toBeNull();
  });

  it("stays small enough for a browser to keep: a bot's huge category list is left out, the errors stay", () => {
    const big = { ...state, values: { ...state.values, categories: Array.from({ length: 50 }, (_, i) => `${"k".repeat(60)}${i}`) } };
    const header = refusalCookie("/f/a/b", big, false);
    expect(header.length).toBeLessThan(4096);
    expect(readRefusalCookie(cookieValue(header), "/f/a/b")).toMatchObject({ fields: { phone: "bad" }, values: { categories: [] } });
  });
});
