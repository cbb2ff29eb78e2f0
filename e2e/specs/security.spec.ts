import { randomUUID } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import { startAttackTarget, type AttackTarget } from "../../testing/attack-target";
import { hiddenActionFields } from "../../testing/fuzz-requests";
import { sendRaw } from "../../testing/raw-http";
import { e2ePort } from "../support/ports";

/**
 * The app attacked from outside, as the production server (`npm start`) from this build on its own PostgreSQL database (the rows are
 * counted while it runs): security headers and the script nonce, pages that still hydrate under the policy,
 * cross-origin posts, the CVE-2025-29927 subrequest header, cookie flags, and API-key guessing. Another
 * workspace's ids are covered by lib/auth/authorization-matrix.test.ts.
 */
const port = e2ePort(3331);

test.skip(({ isMobile }) => isMobile, "requests and the dashboard: one project is enough");
test.skip(!process.env.TEST_DATABASE_URL, "needs TEST_DATABASE_URL (PostgreSQL) to count rows while the app runs");
test.describe.configure({ mode: "serial" });

let target: AttackTarget;

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(180_000);
  target = await startAttackTarget(port);
});

test.afterAll(async () => {
  await target?.stop();
});

const directives = (csp: string | null) =>
  Object.fromEntries(
    (csp ?? "")
      .split(/;\s*/)
      .filter(Boolean)
      .map((d) => [d.split(" ")[0]!, d.split(" ").slice(1)]),
  );

/** Signs in as workspace A's owner; staff land on the workspace's overview. */
async function signIn(browser: Browser, extraHTTPHeaders?: Record<string, string>): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, extraHTTPHeaders });
  const page = await context.newPage();
  await page.goto(`${target.base}/sign-in`);
  await page.getByLabel("Email").fill(target.seed.a.owner.email);
  await page.getByLabel("Password").fill(target.seed.a.owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  return page;
}

test("every page sends a strict CSP with a fresh nonce, framing rules and the other security headers", async () => {
  const { a } = target.seed;
  const pages = ["/", "/sign-in", `/f/${a.slug}/${a.formSlug}`, `/p/${a.preferenceToken}`, "/no-such-page", `/${a.slug}/contacts`];
  for (const path of pages) {
    const response = await fetch(`${target.base}${path}`, { redirect: "manual" });
    const csp = directives(response.headers.get("content-security-policy"));
    expect(csp["script-src"], path).toEqual(expect.arrayContaining(["'strict-dynamic'"]));
    expect(csp["script-src"]!.join(" "), path).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(csp["object-src"], path).toEqual(["'none'"]);
    expect(csp["base-uri"], path).toEqual(["'none'"]);
    // The seeded form allows no embedding, so it too may not be framed.
    expect(csp["frame-ancestors"], path).toEqual(["'none'"]);
    expect(response.headers.get("x-frame-options"), path).toBe("DENY");
    expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
    expect(response.headers.get("referrer-policy"), path).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("permissions-policy"), path).toMatch(/camera=\(\)/);
    // Plain HTTP: no HSTS (browsers ignore it there, and it must not pin a local address to HTTPS).
    expect(response.headers.get("strict-transport-security"), path).toBeNull();
  }

  // The nonce is new on every response, and it is the one on the page's scripts: nothing else may run.
  const form = `${target.base}/f/${a.slug}/${a.formSlug}`;
  const [first, second] = await Promise.all([fetch(form), fetch(form)]);
  const nonceOf = (r: Response) =>
    directives(r.headers.get("content-security-policy"))
      ["script-src"]!.find((s) => s.startsWith("'nonce-"))!
      .slice(7, -1);
  expect(nonceOf(first)).not.toBe(nonceOf(second));
  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonceOf(first)}"`);

  // Behind an HTTPS reverse proxy, production sends HSTS.
  const secure = await fetch(`${target.base}/sign-in`, { headers: { "x-forwarded-proto": "https" } });
  expect(secure.headers.get("strict-transport-security")).toMatch(/^max-age=\d+; includeSubDomains$/);

  // The API and built assets get the static headers.
  const api = await fetch(`${target.base}/api/health`);
  expect(api.headers.get("x-content-type-options")).toBe("nosniff");
  expect(directives(api.headers.get("content-security-policy"))["frame-ancestors"]).toEqual(["'none'"]);
});

test("the hosted form and the dashboard still hydrate and work under the policy", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const violations: string[] = [];
  await context.exposeFunction("reportViolation", (v: string) => violations.push(v));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { reportViolation(v: string): void }).reportViolation(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const page = await context.newPage();
  const before = await target.counts();
  await page.goto(`${target.base}/f/${target.seed.a.slug}/${target.seed.a.formSlug}`);
  const submit = page.getByRole("button", { name: "Sign up" });
  // Submit stays disabled until a category is chosen: that is React running.
  await expect(submit).toBeDisabled();
  await page.getByRole("checkbox").first().check();
  await expect(submit).toBeEnabled();
  await page.getByRole("textbox", { name: "Your WhatsApp number" }).fill("(201) 555-0171");
  await submit.click();
  await expect(page.getByRole("heading", { name: "You’re signed up" })).toBeVisible({ timeout: 30_000 });
  expect((await target.counts()).events!).toBeGreaterThan(before.events!);
  await context.close();

  const dashboard = await signIn(browser);
  await expect(dashboard).toHaveURL(new RegExp(`/${target.seed.a.slug}$`), { timeout: 30_000 });
  await dashboard.getByRole("link", { name: "Settings" }).first().click();
  await expect(dashboard).toHaveURL(/\/settings/, { timeout: 30_000 });
  expect(violations).toEqual([]);
  await dashboard.context().close();
});

test("cross-origin posts to the hosted form and to server actions are refused and change nothing, signed in or not", async ({ browser }) => {
  const { a } = target.seed;
  // The hosted form posts to its stable address (no server action); the page's own fields, a valid sign-up.
  const formPath = `/f/${a.slug}/${a.formSlug}/submit`;
  const body = new URLSearchParams([
    ["submissionId", randomUUID()],
    ["language", "en"],
    ["categories", "orders"],
    ["phone", "+12015550172"],
    ["country", "US"],
  ]).toString();
  const before = await target.counts();
  for (const origin of ["https://evil.example", "null", `http://127.0.0.1:${port + 1}`, null]) {
    const response = await sendRaw(port, {
      method: "POST",
      path: formPath,
      headers: [["Content-Type", "application/x-www-form-urlencoded"], ...(origin === null ? [] : [["Origin", origin] as [string, string]])],
      body,
    });
    expect(response.status, origin ?? "no Origin").toBe(403);
  }

  // A signed-in owner's session cookie, carried by a post from another site to the API-key settings' action.
  const page = await signIn(browser);
  await expect(page).toHaveURL(new RegExp(`/${target.seed.a.slug}$`), { timeout: 30_000 });
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const settingsPath = `/${a.slug}/settings/api-keys`;
  const settings = await sendRaw(port, { method: "GET", path: settingsPath, headers: [["Cookie", cookie]] });
  expect(settings.status).toBe(200);
  const actionFields = hiddenActionFields(settings.body);
  const attack = new URLSearchParams([...actionFields, ["workspace", a.slug], ["name", "stolen"], ["scopes", "consents:write"]]).toString();
  const refused = await sendRaw(port, {
    method: "POST",
    path: settingsPath,
    headers: [
      ["Content-Type", "application/x-www-form-urlencoded"],
      ["Origin", "https://evil.example"],
      ["Cookie", cookie],
    ],
    body: attack,
  });
  expect(refused.status).toBe(403);
  const headerCall = await sendRaw(port, {
    method: "POST",
    path: settingsPath,
    headers: [
      ["Next-Action", "00".repeat(21)],
      ["Content-Type", "text/plain;charset=UTF-8"],
      ["Origin", "https://evil.example"],
      ["Cookie", cookie],
    ],
    body: "[]",
  });
  expect(headerCall.status).toBe(403);
  // Without Origin at all: refused like a foreign one (every browser sends Origin on a POST; route handlers refuse it too).
  for (const headers of [
    [
      ["Content-Type", "application/x-www-form-urlencoded"],
      ["Cookie", cookie],
    ],
    [
      ["Next-Action", "00".repeat(21)],
      ["Content-Type", "text/plain;charset=UTF-8"],
      ["Cookie", cookie],
    ],
  ] as [string, string][][]) {
    const bare = await sendRaw(port, { method: "POST", path: settingsPath, headers, body: headers.length === 2 ? attack : "[]" });
    expect(bare.status, headers[0]![0]).toBe(403);
  }
  // The export download is a GET; a POST to it is no way in either.
  const exportPost = await sendRaw(port, {
    method: "POST",
    path: `/${a.slug}/exports/download?format=csv`,
    headers: [
      ["Origin", "https://evil.example"],
      ["Cookie", cookie],
    ],
  });
  expect(exportPost.status).toBeGreaterThanOrEqual(400);
  expect(exportPost.status).toBeLessThan(500);
  expect(await target.counts()).toEqual(before);
  await page.context().close();
});

test("a form version's page snapshot keeps its own sandboxing CSP", async ({ browser }) => {
  const { a } = target.seed;
  const db = new pg.Client({ connectionString: target.seed.databaseUrl });
  await db.connect();
  try {
    await db.query(
      `insert into form_version_snapshots (form_version_id, workspace_id, language, html, sha256)
       select $1, workspace_id, 'en', '<p>kept</p><script>parent.postMessage(1, "*")</script>', 'x' from form_versions where id = $1 on conflict do nothing`,
      [a.formVersionId],
    );
  } finally {
    await db.end();
  }
  const page = await signIn(browser);
  await expect(page).toHaveURL(new RegExp(`/${a.slug}$`), { timeout: 30_000 });
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const response = await fetch(`${target.base}/${a.slug}/forms/${a.formId}/versions/${a.formVersionId}/snapshot?lang=en`, { headers: { cookie } });
  expect(response.status).toBe(200);
  const csp = directives(response.headers.get("content-security-policy"));
  expect(csp.sandbox, "sandbox").toEqual([]);
  expect(csp["default-src"]).toEqual(["'none'"]);
  expect(csp["script-src"], "no page policy mixed in").toBeUndefined();
  await page.context().close();
});

test("x-middleware-subrequest gets a request no further than any other", async () => {
  const { a } = target.seed;
  for (const value of [
    "proxy",
    "proxy:proxy:proxy:proxy:proxy",
    "middleware:middleware:middleware:middleware:middleware",
    "src/proxy:src/proxy:src/proxy:src/proxy:src/proxy",
    "pages/_middleware",
  ]) {
    const dashboard = await fetch(`${target.base}/${a.slug}/contacts`, { redirect: "manual", headers: { "x-middleware-subrequest": value } });
    expect(dashboard.status, value).toBe(307);
    expect(dashboard.headers.get("location"), value).toMatch(/\/sign-in/);
    // The proxy still ran: its headers are there.
    expect(directives(dashboard.headers.get("content-security-policy"))["script-src"], value).toEqual(expect.arrayContaining(["'strict-dynamic'"]));
    const form = await fetch(`${target.base}/f/${a.slug}/${a.formSlug}`, { headers: { "x-middleware-subrequest": value } });
    expect(directives(form.headers.get("content-security-policy"))["frame-ancestors"], value).toEqual(["'none'"]);
    const api = await fetch(`${target.base}/api/v1/events`, { headers: { "x-middleware-subrequest": value } });
    expect(api.status, value).toBe(401);
  }
});

test("the session cookie is HttpOnly and SameSite=Lax, and Secure behind HTTPS", async ({ browser }) => {
  const page = await signIn(browser);
  await expect(page).toHaveURL(new RegExp(`/${target.seed.a.slug}$`), { timeout: 30_000 });
  const session = (await page.context().cookies()).find((c) => /session-token/.test(c.name));
  expect(session, "a session cookie").toBeTruthy();
  expect(session!.httpOnly).toBe(true);
  expect(session!.sameSite).toBe("Lax");
  await page.context().close();

  // Behind a reverse proxy that terminates HTTPS, the cookie is Secure and __Secure- prefixed.
  const setCookies: string[] = [];
  const secure = await browser.newContext({ viewport: { width: 1280, height: 800 }, extraHTTPHeaders: { "x-forwarded-proto": "https" } });
  const securePage = await secure.newPage();
  securePage.on("response", async (response) => {
    for (const header of await response.headersArray()) if (header.name.toLowerCase() === "set-cookie") setCookies.push(header.value);
  });
  await securePage.goto(`${target.base}/sign-in`);
  await securePage.getByLabel("Email").fill(target.seed.a.owner.email);
  await securePage.getByLabel("Password").fill(target.seed.a.owner.password);
  await securePage.getByRole("button", { name: "Sign in" }).click();
  await expect.poll(() => setCookies.find((c) => /session-token=/.test(c)), { timeout: 15_000 }).toBeTruthy();
  const cookie = setCookies.find((c) => /session-token=/.test(c))!;
  expect(cookie).toMatch(/^__Secure-/);
  expect(cookie).toMatch(/;\s*Secure/i);
  expect(cookie).toMatch(/;\s*HttpOnly/i);
  expect(cookie).toMatch(/;\s*SameSite=Lax/i);
  await secure.close();
});

test("guessing API keys from one address is throttled with 429 and Retry-After; real keys are not, from there or elsewhere", async () => {
  const guess = () => `ask_${Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString("base64url")}`;
  const statuses: number[] = [];
  let retryAfter: string | null = null;
  for (let i = 0; i < 25; i++) {
    const response = await fetch(`${target.base}/api/v1/events`, { headers: { authorization: `Bearer ${guess()}`, "x-forwarded-for": "198.51.100.66" } });
    statuses.push(response.status);
    if (response.status === 429) retryAfter = response.headers.get("retry-after");
  }
  expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
  expect(statuses.slice(20)).toEqual(Array(5).fill(429));
  expect(Number(retryAfter)).toBeGreaterThan(0);
  // The right key still works from the guessing address (its failures never refuse a valid key; a neighbour behind
  // the same NAT must not lock an integration out), while further guesses from there stay refused…
  const valid = await fetch(`${target.base}/api/v1/events`, {
    headers: { authorization: `Bearer ${target.seed.a.apiKey}`, "x-forwarded-for": "198.51.100.66" },
  });
  expect(valid.status).toBe(200);
  const again = await fetch(`${target.base}/api/v1/events`, { headers: { authorization: `Bearer ${guess()}`, "x-forwarded-for": "198.51.100.66" } });
  expect(again.status).toBe(429);
  // …and it works from anywhere else.
  const elsewhere = await fetch(`${target.base}/api/v1/events`, {
    headers: { authorization: `Bearer ${target.seed.a.apiKey}`, "x-forwarded-for": "198.51.100.67" },
  });
  expect(elsewhere.status).toBe(200);
});

test("another workspace's contact, form and webhook endpoint pages answer not found to a signed-in owner", async ({ browser }) => {
  const { a, b } = target.seed;
  const page = await signIn(browser);
  await expect(page).toHaveURL(new RegExp(`/${target.seed.a.slug}$`), { timeout: 30_000 });
  for (const path of [
    `/${a.slug}/contacts/${b.contactId}`,
    `/${a.slug}/forms/${b.formId}`,
    `/${a.slug}/settings/webhooks/${b.webhookEndpointId}`,
    `/${a.slug}/contacts/${crypto.randomUUID()}`,
    `/${b.slug}/contacts`,
  ]) {
    const response = await page.goto(`${target.base}${path}`);
    expect(response?.status(), path).toBe(404);
  }
  await page.context().close();
});
