import { readFile } from "node:fs/promises";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { e2eAccounts, e2eContactPhone } from "../support/accounts";
import { signIn } from "../support/sign-in";

/**
 * Issue 21's rough edges, through the built app: sign-in returns to the page asked for (and never off-site),
 * staff date a request when the person asked, and the small defects (an invitation's name, the export's format,
 * an old preference link, the 429 page).
 */
test.skip(({ isMobile }) => isMobile, "the dashboard is for laptops and tablets; the consumer pages here are checked at both widths below");

const owner = e2eAccounts.owner;

async function signInThroughForm(page: Page): Promise<void> {
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password").fill(owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function signedOutPage(browser: Browser, options: Parameters<Browser["newContext"]>[0] = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true, ...options });
  return context.newPage();
}

/** Signs a fresh number up through the demo form and returns the receipt's address and its preference link. */
async function signUp(browser: Browser, phone: string): Promise<{ receipt: string; preferences: string }> {
  const page = await signedOutPage(browser);
  await page.goto("/f/demo/join");
  await page.getByRole("checkbox", { name: /offers from Acme Coffee/ }).check();
  await page.getByRole("textbox", { name: "Your WhatsApp number" }).fill(phone);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/receipt\//);
  const preferences = await page.getByRole("link", { name: "Manage my WhatsApp messages" }).getAttribute("href");
  const receipt = page.url();
  await page.context().close();
  return { receipt, preferences: preferences! };
}

test("signed out, a deep link to a contact (or a filtered list) returns there after sign-in", async ({ browser }) => {
  const staff = await signIn(browser, owner);
  await staff.goto(`/demo/contacts?q=${encodeURIComponent(e2eContactPhone)}`);
  const contactPath = await staff.getByRole("link", { name: e2eContactPhone }).getAttribute("href");
  expect(contactPath).toMatch(/^\/demo\/contacts\/[0-9a-f-]{36}$/);
  await staff.context().close();

  for (const path of [contactPath!, `/demo/contacts?q=${encodeURIComponent(e2eContactPhone)}&sort=oldest`, "/demo/audit", "/demo"]) {
    const page = await signedOutPage(browser);
    await page.goto(path);
    await expect(page).toHaveURL(`/sign-in?next=${encodeURIComponent(path)}`);
    await signInThroughForm(page);
    await expect(page).toHaveURL(path);
    if (path === contactPath) await expect(page.getByRole("heading", { name: e2eContactPhone })).toBeVisible();
    if (path === "/demo") await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
    await page.context().close();
  }
});

test("a next that points off-site lands on the workspace instead", async ({ browser }) => {
  for (const next of ["//evil.example", "https://evil.example", "/\\evil.example", "/\t/evil.example", "javascript:alert(1)"]) {
    const page = await signedOutPage(browser);
    await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
    await signInThroughForm(page);
    await expect(page, next).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/demo$/);
    await page.context().close();
  }
});

test("staff record an opt-out the person asked for an hour ago; a time in the future is a field error and records nothing", async ({ browser }) => {
  // One of the seeded contacts, whose history is days old: a request dated an hour ago overrules nothing.
  // (A request dated before a change the person made since is refused: lib/contacts/actions.test.ts.)
  // The staff member works in São Paulo (UTC-3, no daylight saving): what they type is their own time.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: "America/Sao_Paulo" });
  const page = await context.newPage();
  await page.goto("/sign-in?next=%2Fdemo%2Fcontacts%3Fsort%3Doldest");
  await signInThroughForm(page);
  await page.getByRole("table").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/demo\/contacts\/[0-9a-f-]{36}$/);
  const askedAt = page.getByLabel("When they asked");
  // It starts at now, in their zone.
  await expect(askedAt).not.toHaveValue("");
  await expect(page.getByText("Your own time (America/Sao_Paulo).", { exact: false })).toBeVisible();

  const local = (utc: Date) => new Date(utc.getTime() - 3 * 3_600_000).toISOString().slice(0, 16);
  const events = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: /^(Opted in|Opted out|Confirmed)/ }) });
  const before = await events.count();
  expect(before).toBeGreaterThan(0);

  await page.getByRole("radio", { name: "Opt out" }).check();
  await page.getByRole("checkbox", { name: "Offers" }).check();
  await page.getByLabel("Note").fill("Called the shop and asked to stop offers.");
  await askedAt.fill(local(new Date(Date.now() + 86_400_000)));
  await page.getByRole("button", { name: "Record request" }).click();
  await expect(page.getByText("This is in the future. Enter when the person asked, no later than now.")).toBeVisible();
  await expect(askedAt).toHaveAttribute("aria-invalid", "true");
  await page.reload();
  await expect(events).toHaveCount(before);

  const anHourAgo = new Date(Date.now() - 3_600_000);
  anHourAgo.setUTCSeconds(0, 0);
  await page.getByRole("radio", { name: "Opt out" }).check();
  await page.getByRole("checkbox", { name: "Offers" }).check();
  await page.getByLabel("Note").fill("Called the shop an hour ago and asked to stop offers.");
  await askedAt.fill(local(anHourAgo));
  await page.getByRole("button", { name: "Record request" }).click();
  await expect(page.getByText("Recorded the opt-out for 1 category.")).toBeVisible();
  await expect(events).toHaveCount(before + 1);
  const recorded = events.filter({ has: page.getByText("Called the shop an hour ago and asked to stop offers.") });
  await expect(recorded).toHaveCount(1);
  await expect(recorded.getByRole("heading", { name: "Opted out: Offers" })).toBeVisible();
  // Occurred when they asked; the entry time is kept beside it.
  await expect(recorded.locator("dd").filter({ hasText: anHourAgo.toISOString() })).toHaveCount(1);
  await expect(recorded.getByText(/^entered /)).toBeVisible();
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await askedAt.scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath(`record-request-${width}.png`) });
  }
  await context.close();
});

test("a person who signs up and phones within the same minute to stop is recorded with the form's now left as it is", async ({ browser }) => {
  // The field shows the minute; sending that minute's start would date the request before the sign-up and refuse it
  // as overruled by a later change. The browser's clock is held half a second after the sign-up, in its minute.
  const phone = "+12015550196";
  await signUp(browser, phone);
  const signedUpAt = Date.now();
  const page = await signIn(browser, owner);
  await page.clock.setFixedTime(new Date(signedUpAt + 500));
  await page.goto("/demo/contacts");
  await page.getByRole("searchbox", { name: "Search" }).fill(phone);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: phone }).click();
  await expect(page.getByRole("heading", { name: "Opted in: Offers" })).toBeVisible();
  await expect(page.getByLabel("When they asked")).not.toHaveValue("");
  await page.getByRole("radio", { name: "Opt out" }).check();
  await page.getByRole("checkbox", { name: "Offers" }).check();
  await page.getByLabel("Note").fill("Signed up on the form, then phoned at once to stop offers.");
  await page.getByRole("button", { name: "Record request" }).click();
  await expect(page.getByText("Recorded the opt-out for 1 category.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Opted out: Offers" })).toBeVisible();
  await page.context().close();
});

test("an invitation keeps the name typed when the password is refused", async ({ browser }) => {
  const staff = await signIn(browser, owner);
  await staff.getByRole("link", { name: "Members" }).click();
  await staff.getByLabel("Email").fill(`named-${Date.now()}@demo.test`);
  await staff.getByRole("button", { name: "Create invitation link" }).click();
  const link = await staff.getByLabel("Invitation link").inputValue();
  await staff.context().close();

  const page = await signedOutPage(browser);
  await page.goto(link);
  await page.getByLabel("Your name").fill("Nia Newcomer");
  await page.getByLabel("New password").fill("short");
  await page.getByLabel("Repeat the password").fill("short");
  await page.getByRole("button", { name: "Create account and join" }).click();
  await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
  await expect(page.getByLabel("Your name")).toHaveValue("Nia Newcomer");
  await page.context().close();
});

test("choosing JSON Lines on Exports downloads JSON Lines at once", async ({ browser }) => {
  const page = await signIn(browser, owner);
  await page.goto("/demo/exports?category=offers&action=opt_out");
  await expect(page.getByRole("link", { name: "Download CSV" })).toBeVisible();
  await page.getByRole("radio", { name: "JSON Lines (systems)" }).check();
  const link = page.getByRole("link", { name: "Download JSON Lines" });
  await expect(link).toHaveAttribute("href", "/demo/exports/download?category=offers&action=opt_out&format=jsonl");
  const download = page.waitForEvent("download");
  await link.click();
  const lines = (await readFile(await (await download).path(), "utf8")).trim().split("\n");
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines.slice(0, 50)) expect(JSON.parse(line)).toMatchObject({ category: "offers", action: "opt_out" });
  await page.context().close();
});

test("an old receipt's preference link says it was replaced, in the person's language, and what to do", async ({ browser }) => {
  const phone = "+12015550194";
  const first = await signUp(browser, phone);
  await signUp(browser, phone);
  const page = await signedOutPage(browser, { locale: "es-ES" });
  const oldLink = first.preferences.replace(/lang=[^&]*/, "lang=es");
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 800 });
    const response = await page.goto(oldLink);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Este enlace ya no funciona" })).toBeVisible();
    await expect(page.getByText("Se sustituyó por uno más reciente")).toBeVisible();
    await expect(page.getByText("Abre el enlace de tu recibo o mensaje más reciente de Acme Coffee.", { exact: false })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await page.screenshot({ path: test.info().outputPath(`old-preference-link-${width}.png`), fullPage: true });
  }
  // A token that was never issued learns nothing.
  await page.goto(`/p/${"A".repeat(43)}?lang=es`);
  await expect(page.getByRole("heading", { name: "Esta página no está disponible" })).toBeVisible();
  await page.context().close();
});

test("the 429 page names the business", async ({ browser }) => {
  const page = await signedOutPage(browser);
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 800 });
    const response = await page.goto("/f/demo/join/busy?retry=60&lang=en");
    expect(response?.status()).toBe(429);
    await expect(page.getByText("Acme Coffee", { exact: true })).toBeVisible();
    await expect(page).toHaveTitle("Acme Coffee: Please wait a moment");
    await page.screenshot({ path: test.info().outputPath(`busy-${width}.png`), fullPage: true });
  }
  await page.context().close();
});
