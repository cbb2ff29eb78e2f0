import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { extractText } from "unpdf";
import { e2eAccounts, e2eContactPhone } from "../support/accounts";
import { signIn } from "../support/sign-in";

// The dashboard is for laptops and tablets; the phone project covers the consumer pages.
test.skip(({ isMobile }) => isMobile, "the dashboard is for laptops and tablets");

const compliance = { email: `compliance-${Date.now()}@demo.test`, password: "compliance password 1", name: "Carla Compliance" };

test("owner invites a compliance user, who finds a contact, proves and changes consent, and exports", async ({ browser }) => {
  const owner = await signIn(browser, e2eAccounts.owner);
  await owner.getByRole("link", { name: "Members" }).click();
  await owner.getByLabel("Email").fill(compliance.email);
  await owner.getByLabel("Role", { exact: true }).selectOption("compliance");
  await owner.getByRole("button", { name: "Create invitation link" }).click();
  const link = await owner.getByLabel("Invitation link").inputValue();
  expect(link).toMatch(/\/invite\/[\w-]{43}$/);

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Join Acme Coffee" })).toBeVisible();
  await page.getByLabel("Your name").fill(compliance.name);
  await page.getByLabel("New password").fill(compliance.password);
  await page.getByLabel("Repeat the password").fill(compliance.password);
  await page.getByRole("button", { name: "Create account and join" }).click();
  await expect(page).toHaveURL(/\/demo$/);
  await expect(page.getByText("Compliance", { exact: true })).toBeVisible();

  // Among 100,000 contacts, by the number as a person would read it out. (Members land on the overview.)
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Contacts" }).click();
  await page.getByRole("searchbox", { name: "Search" }).fill("(201) 555-0177");
  await page.getByRole("button", { name: "Search" }).click();
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(2);
  await page.getByRole("link", { name: e2eContactPhone }).click();
  await expect(page.getByRole("heading", { name: e2eContactPhone })).toBeVisible();
  await expect(page.getByText(/Chain verified: 2 events/)).toBeVisible();
  await expect(page.getByText("Yes, I want to receive offers from Acme Coffee on WhatsApp.")).toBeVisible();
  await expect(page.getByText("198.51.100.23")).toBeVisible();

  const certificate = page.waitForEvent("download");
  await page.getByRole("link", { name: /Download consent certificate/ }).click();
  const pdf = await readFile(await (await certificate).path());
  const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
  expect(text).toContain("Yes, I want to receive offers from Acme Coffee on WhatsApp.");
  expect(text).toContain(e2eContactPhone);
  expect(text.replace(/\s+/g, "")).toContain("/consent-record");

  // The same evidence as ISO/IEC TS 27560 consent records: one per category, the person by digests only.
  const recordDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Consent record, ISO/IEC TS 27560 (JSON)" }).click();
  const recordText = await readFile(await (await recordDownload).path(), "utf8");
  const record = JSON.parse(recordText);
  expect(record.schema_version).toBe("ISO/IEC TS 27560:2023");
  expect(record.records.map((r: { pii_processing: { purposes: { purpose_id: string }[] } }) => r.pii_processing.purposes[0]!.purpose_id)).toContain("offers");
  expect(recordText).not.toContain(e2eContactPhone);
  expect(recordText).not.toContain("198.51.100.23");

  // The person phoned to stop offers.
  await page.getByRole("radio", { name: "Opt out" }).check();
  await page.getByRole("checkbox", { name: "Offers" }).check();
  await page.getByLabel("How they asked").selectOption("phone_call");
  await page.getByLabel("Note").fill("Called the shop on 25 Nov and asked to stop offers.");
  await page.getByRole("button", { name: "Record request" }).click();
  await expect(page.getByText("Recorded the opt-out for 1 category.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Opted out: Offers" })).toBeVisible();
  await expect(page.getByText(/Chain verified: 3 events/)).toBeVisible();

  await page.getByRole("link", { name: "Exports" }).click();
  await page.getByLabel("Category").selectOption("offers");
  await page.getByLabel("Change").selectOption("opt_out");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("heading", { name: /events? match/ })).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const csv = (await readFile(await (await download).path(), "utf8")).trim().split("\n");
  const header = csv[0]!.split(",");
  const at = (name: string) => header.indexOf(name);
  const records = csv.slice(1).map((line) => line.split(","));
  expect(records.length).toBeGreaterThan(0);
  expect(records.every((r) => r[at("category")] === "offers" && r[at("action")] === "opt_out")).toBe(true);
  const ours = records.filter((r) => r[at("phone")] === e2eContactPhone);
  expect(ours).toHaveLength(1);
  expect(ours[0]![at("channel")]).toBe("staff");
  await expect(page.getByText(/^Done: /)).toBeVisible();

  // The export is in the audit log.
  await page.getByRole("link", { name: "Audit log" }).click();
  // In a sentence, with the raw code kept beside it for support.
  const exported = page
    .getByRole("listitem")
    .filter({ hasText: /Exported [\d,]+ consent events? as CSV/ })
    .first();
  await expect(exported).toBeVisible();
  await expect(exported.getByText("events.export", { exact: true })).toBeVisible();

  // The audit log itself downloads as CSV, in words, from today; the download is then an entry of its own.
  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel("From (UTC)").fill(today);
  const auditDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download CSV" }).click();
  const auditCsv = (await readFile(await (await auditDownload).path(), "utf8")).trim().split("\n");
  expect(auditCsv[0]).toBe("time,actor,action,sentence,target_type,target_id,subject,request_id,ip");
  // The sentence is quoted when its count has a thousands comma.
  expect(
    auditCsv.filter((line) => line.includes(`,${compliance.email},events.export,`)).map((line) => /,"?Exported [\d,]+ consent events? as CSV/.test(line)),
  ).toEqual([true]);
  await page.reload();
  await expect(
    page
      .getByRole("listitem")
      .filter({ hasText: `Exported the audit log from ${today} on as CSV` })
      .first(),
  ).toBeVisible();

  // An end before the start comes back to the page with the dates kept and the problem beside them: no JSON.
  await page.getByLabel("From (UTC)").fill("2026-03-05");
  await page.getByLabel("To, inclusive (UTC)").fill("2026-03-01");
  await page.getByRole("button", { name: "Download CSV" }).click();
  await expect(page).toHaveURL(/\/demo\/audit\?from=2026-03-05&to=2026-03-01/);
  await expect(page.getByRole("alert").filter({ hasText: "The audit log was not exported" })).toHaveText(
    "The audit log was not exported: check the dates below.",
  );
  await expect(page.getByLabel("To, inclusive (UTC)")).toHaveAccessibleDescription("the end date is before the start date");
  await expect(page.getByLabel("From (UTC)")).toHaveValue("2026-03-05");
  await context.close();
  await owner.context().close();
});

test("a marketer may browse contacts but is refused export and erasure", async ({ browser }) => {
  const page = await signIn(browser, e2eAccounts.marketer);
  await expect(page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Exports" })).toHaveCount(0);
  const exportsPage = await page.goto("/demo/exports");
  expect(exportsPage?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Your role does not allow this" })).toBeVisible();
  const download = await page.request.get("/demo/exports/download?format=csv");
  expect(download.status()).toBe(403);
  expect((await page.request.get("/demo/audit/export")).status()).toBe(403);

  await page.goto("/demo/contacts");
  await page.getByRole("searchbox", { name: "Search" }).fill(e2eContactPhone);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: e2eContactPhone }).click();
  await expect(page.getByRole("heading", { name: e2eContactPhone })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Erase personal data" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Erase personal data" })).toHaveCount(0);
  await page.context().close();
});

test("a member of another workspace gets not-found for every page and download of this one", async ({ browser }) => {
  const page = await signIn(browser, e2eAccounts.outsider);
  await expect(page).toHaveURL(/\/other-shop$/);
  // A real contact id of the demo workspace, read as its owner.
  const owner = await signIn(browser, e2eAccounts.owner);
  await owner.goto("/demo/contacts");
  await owner.getByRole("searchbox", { name: "Search" }).fill(e2eContactPhone);
  await owner.getByRole("button", { name: "Search" }).click();
  const href = await owner.getByRole("link", { name: e2eContactPhone }).getAttribute("href");
  await owner.context().close();

  const urls = [
    "/demo",
    "/demo/contacts",
    href!,
    `${href}/certificate`,
    "/demo/opt-outs",
    "/demo/exports",
    "/demo/exports/download?format=csv",
    "/demo/ledger",
    "/demo/audit",
    "/demo/audit/export",
    "/demo/members",
    "/demo/settings",
    "/demo/settings/categories",
    "/demo/settings/api-keys",
    "/demo/settings/quality",
  ];
  for (const url of urls) {
    const response = await page.request.get(url, { maxRedirects: 0 });
    expect(response.status(), url).toBe(404);
  }
  await page.context().close();
});

test("owner creates an API key with its own requests per minute; a bad number is a field error", async ({ browser }) => {
  const page = await signIn(browser, e2eAccounts.owner);
  await page.goto("/demo/settings/api-keys");
  const form = page.locator("form", { has: page.getByRole("button", { name: "Create API key" }) });
  await form.getByLabel("Name").fill("Campaign sender");
  await form.getByRole("checkbox", { name: /Check consent/ }).check();
  const perMinute = form.getByLabel("Requests per minute (optional)");
  await expect(perMinute).toHaveAttribute("placeholder", "6,000");
  for (const [typed, message] of [
    ["abc", /Enter a number of requests a minute, or leave it blank for the default\./],
    ["1.5", /Enter a whole number of requests a minute\./],
    ["0", /At least 1 request a minute\./],
  ] as const) {
    await perMinute.fill(typed);
    await form.getByRole("button", { name: "Create API key" }).click();
    await expect(perMinute).toHaveAccessibleDescription(message);
  }
  await expect(page.getByText("No API keys yet.")).toBeVisible();
  await perMinute.fill("12,000");
  await form.getByRole("button", { name: "Create API key" }).click();
  await expect(page.getByLabel('New key for "Campaign sender"')).toHaveValue(/^ask_[\w-]{32}$/);
  // The limit is changed in place later: a bad number is a field error, a good one is saved and kept.
  const limit = page.getByRole("form", { name: "Limit of Campaign sender" });
  const ownLimit = limit.getByLabel("Requests per minute");
  await expect(ownLimit).toHaveValue("12000");
  await ownLimit.fill("lots");
  await limit.getByRole("button", { name: "Save limit" }).click();
  await expect(ownLimit).toHaveAccessibleDescription(/Enter a number of requests a minute/);
  await ownLimit.fill("24,000");
  await limit.getByRole("button", { name: "Save limit" }).click();
  await expect(limit.getByText('"Campaign sender" may now make 24,000 requests a minute')).toBeVisible();
  await page.reload();
  await expect(page.getByRole("form", { name: "Limit of Campaign sender" }).getByLabel("Requests per minute")).toHaveValue("24000");
  await page.context().close();
});

test("every dashboard page, at laptop and tablet widths", async ({ browser }, testInfo) => {
  const page = await signIn(browser, e2eAccounts.owner);
  await page.goto("/demo/contacts");
  await page.getByRole("searchbox", { name: "Search" }).fill(e2eContactPhone);
  await page.getByRole("button", { name: "Search" }).click();
  const contact = (await page.getByRole("link", { name: e2eContactPhone }).getAttribute("href"))!;
  const pages = {
    contacts: "/demo/contacts",
    contact,
    "opt-outs": "/demo/opt-outs",
    exports: "/demo/exports",
    ledger: "/demo/ledger",
    audit: "/demo/audit",
    members: "/demo/members",
    settings: "/demo/settings",
    categories: "/demo/settings/categories",
    "api-keys": "/demo/settings/api-keys",
  };
  for (const width of [1280, 768]) {
    await page.setViewportSize({ width, height: 900 });
    for (const [name, url] of Object.entries(pages)) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(200);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${url} at ${width}px`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: testInfo.outputPath(`${name}-${width}.png`), fullPage: true });
    }
  }
  await page.context().close();
});
