import { expect, test, type Page } from "@playwright/test";
import { e2eAccounts } from "../support/accounts";
import { signIn } from "../support/sign-in";

test.skip(({ isMobile }) => isMobile, "the builder is for laptops and tablets");

test("a marketer builds a form in two languages, is stopped by the policy check, fixes it and publishes", async ({ browser }) => {
  const page = await signIn(browser, e2eAccounts.marketer);
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Forms" }).click();
  const slug = `spring-${Date.now()}`;
  await page.getByLabel("Name", { exact: true }).fill("Spring offers");
  await page.getByLabel("Address").fill(slug);
  await page.getByRole("button", { name: "Create and open the builder" }).click();
  await expect(page.getByRole("heading", { name: "WhatsApp policy check" })).toBeVisible();

  // Two categories, two languages.
  await page.getByRole("checkbox", { name: "Product recommendations" }).uncheck();
  await page.getByRole("checkbox", { name: "Español" }).check();
  await expect(page.getByRole("tab", { name: "Español" })).toHaveAttribute("aria-selected", "true");
  await page.getByRole("tab", { name: "English" }).click();
  const offers = page.getByRole("group", { name: "Offers" }).getByLabel("Consent sentence (next to the checkbox)");
  await offers.fill("Yes, send me offers on WhatsApp.");
  await expect(page.getByText("English, Offers: the consent sentence does not name Acme Coffee.")).toBeVisible();
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText('Not published: fix "The business is named" first.')).toBeVisible();
  await expect(page.getByRole("link", { name: "Share, QR and print" })).toHaveCount(0);

  await offers.fill("Yes, send me offers from Acme Coffee on WhatsApp.");
  await expect(page.getByText("Every requirement is met.")).toBeVisible();
  await page.getByRole("tab", { name: "Español" }).click();
  await page.getByRole("group", { name: "Offers" }).getByLabel("Name").fill("Ofertas");
  await page
    .getByRole("group", { name: "Offers" })
    .getByLabel("Consent sentence (next to the checkbox)")
    .fill("Sí, quiero recibir ofertas de Acme Coffee por WhatsApp.");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Published version 1. It is live now.")).toBeVisible();

  // The live page serves the published Spanish wording, with only the two chosen categories.
  const consumer = await browser.newPage();
  await consumer.goto(`/f/demo/${slug}?lang=es`);
  await expect(consumer.getByText("Sí, quiero recibir ofertas de Acme Coffee por WhatsApp.")).toBeVisible();
  await expect(consumer.getByRole("checkbox")).toHaveCount(2);
  await consumer.close();

  // An English frequency changed after publishing flags the Spanish one (advice, not a blocker) until it is edited.
  await page.getByRole("tab", { name: "English" }).click();
  await page.getByRole("group", { name: "Offers" }).getByLabel("How often").fill("Up to 4 a month");
  const flag = page.getByText("Español, Offers › how often: changed in English since version 1; check the translation.");
  await expect(flag).toBeVisible();
  // Confirmed as still right, the warning goes; a further English change brings it back, for the new wording.
  const checks = page.getByRole("region", { name: "Check the translation" });
  await checks.getByRole("button", { name: "Translation still right" }).click();
  await expect(flag).toHaveCount(0);
  await expect(checks.getByRole("button", { name: "Undo" })).toBeVisible();
  await page.getByRole("group", { name: "Offers" }).getByLabel("How often").fill("Up to 3 a month");
  await expect(flag).toBeVisible();
  await expect(checks.getByRole("button", { name: "Translation still right" })).toBeVisible();
  await page.getByRole("tab", { name: "Español" }).click();
  await page.getByRole("group", { name: "Offers" }).getByLabel("How often").fill("Hasta 4 al mes");
  await expect(flag).toHaveCount(0);

  // The version is kept with a snapshot of the page in each language.
  await page.getByRole("link", { name: "Versions" }).click();
  await expect(page.getByRole("heading", { name: "Version 1" })).toBeVisible();
  await expect(page.getByRole("link", { name: "es", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "en", exact: true })).toBeVisible();
});

/** Every text field of the open language tab, keyed by its id with the language taken out, so tabs compare. */
async function wordingFields(page: Page, lang: string): Promise<Record<string, string>> {
  const panel = page.getByRole("tabpanel");
  await expect(panel).toHaveAttribute("lang", lang);
  const pairs = await panel.locator("input, textarea").evaluateAll((elements, l) => {
    const strip = (id: string) => id.replace(new RegExp(`(^|-)${l}(-|$)`), "$1*$2");
    return elements.map((e) => [strip(e.id), (e as HTMLInputElement).value] as const);
  }, lang);
  return Object.fromEntries(pairs);
}

/** Marks every text field of the open tab with its language, so a field showing another tab's text is seen. */
async function markFields(page: Page, tag: string) {
  const fields = page.getByRole("tabpanel").locator("input, textarea");
  for (let i = 0; i < (await fields.count()); i++) {
    const field = fields.nth(i);
    await field.fill(`${tag}:${await field.inputValue()}`);
  }
}

const allMarked = (fields: Record<string, string>, tag: string) => Object.entries(fields).filter(([, v]) => !v.startsWith(`${tag}:`));

test("each language tab edits its own wording, and the draft stores each language's text under its own language", async ({ browser }) => {
  const page = await signIn(browser, e2eAccounts.marketer);
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Forms" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Tabs");
  await page.getByLabel("Address").fill(`tabs-${Date.now()}`);
  await page.getByRole("button", { name: "Create and open the builder" }).click();
  await expect(page.getByRole("tab", { name: "English" })).toHaveAttribute("aria-selected", "true");

  // Spanish added, then every field of each tab marked with its language, Spanish first (as in the report).
  await page.getByRole("checkbox", { name: "Español" }).check();
  await expect(page.getByRole("tab", { name: "Español" })).toHaveAttribute("aria-selected", "true");
  await markFields(page, "ES");
  await page.getByRole("tab", { name: "English" }).click();
  await markFields(page, "EN");
  const english = await wordingFields(page, "en");
  expect(Object.keys(english).length).toBeGreaterThan(10);
  expect(allMarked(english, "EN")).toEqual([]);
  await page.getByRole("tab", { name: "Español" }).click();
  const spanish = await wordingFields(page, "es");
  expect(Object.keys(spanish)).toEqual(Object.keys(english));
  expect(allMarked(spanish, "ES")).toEqual([]);

  // Back and forth: each tab shows its own language's text every time.
  for (let round = 0; round < 2; round++) {
    await page.getByRole("tab", { name: "English" }).click();
    expect(await wordingFields(page, "en")).toEqual(english);
    await page.getByRole("tab", { name: "Español" }).click();
    expect(await wordingFields(page, "es")).toEqual(spanish);
  }

  // An edit in English after visiting Spanish lands in English only.
  await page.getByRole("tab", { name: "English" }).click();
  const offers = page.getByRole("group", { name: "Offers" }).getByLabel("Consent sentence (next to the checkbox)");
  const edit = "EN:Yes, send me offers from Acme Coffee on WhatsApp, please.";
  // The autosave that carries this edit (earlier ones may still be on their way).
  const saved = page.waitForResponse((r) => r.request().headers()["next-action"] !== undefined && (r.request().postData() ?? "").includes(edit));
  await offers.fill(edit);
  await saved;
  await expect(page.getByText("All changes saved.")).toBeVisible();
  const edited = await wordingFields(page, "en");
  expect(Object.keys(edited).filter((k) => edited[k] !== english[k])).toHaveLength(1);

  // What was stored: the builder reopened from the saved draft, each language's fields under their own language.
  await page.reload();
  await expect(page.getByRole("tab", { name: "English" })).toHaveAttribute("aria-selected", "true");
  expect(await wordingFields(page, "en")).toEqual(edited);
  await page.getByRole("tab", { name: "Español" }).click();
  expect(await wordingFields(page, "es")).toEqual(spanish);
  await page.context().close();
});

/** Creates a web form in the demo workspace and opens its builder. */
async function newForm(page: Page, name: string, slug: string) {
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Forms" }).click();
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Address").fill(slug);
  await page.getByRole("button", { name: "Create and open the builder" }).click();
  await expect(page.getByRole("heading", { name: "WhatsApp policy check" })).toBeVisible();
}

test("publishing means a change: an unchanged draft is refused, an edit publishes version 2; a refusal goes once the draft changes", async ({ browser }) => {
  const page = await signIn(browser, e2eAccounts.marketer);
  const slug = `unchanged-${Date.now()}`;
  await newForm(page, "Unchanged", slug);
  const builderUrl = page.url();
  const publish = page.getByRole("button", { name: "Publish", exact: true });
  const offers = page.getByRole("group", { name: "Offers" }).getByLabel("Consent sentence (next to the checkbox)");

  // A refused publish's error box goes away once the draft is fixed, beside a panel that says all is met.
  await offers.fill("Yes, send me offers on WhatsApp.");
  await publish.click();
  const refusal = page.getByText('Not published: fix "The business is named" first.');
  await expect(refusal).toBeVisible();
  const fixed = "Yes, send me offers from Acme Coffee on WhatsApp.";
  const saved = page.waitForResponse((r) => r.request().headers()["next-action"] !== undefined && (r.request().postData() ?? "").includes(fixed));
  await offers.fill(fixed);
  await expect(page.getByText("Every requirement is met.")).toBeVisible();
  await expect(refusal).toHaveCount(0);
  await saved;

  // A second tab opened before the first publish still thinks there is something to publish.
  const stale = await page.context().newPage();
  await stale.goto(builderUrl);
  await expect(stale.getByRole("button", { name: "Publish", exact: true })).toBeEnabled();

  await publish.click();
  await expect(page.getByText("Published version 1. It is live now.")).toBeVisible();
  // Before anyone clicks, the builder says there is nothing to publish, and why.
  const nothing = page.getByRole("button", { name: "Nothing to publish" });
  await expect(nothing).toBeDisabled();
  await expect(nothing).toHaveAccessibleDescription("Nothing has changed since version 1. Edit the form to publish a new version.");

  // The server refuses too: the stale tab publishes the same draft and is told so, with no version 2.
  await stale.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(stale.getByText("Nothing has changed since version 1.", { exact: true })).toBeVisible();
  for (const width of [1280, 360]) {
    await stale.setViewportSize({ width, height: 800 });
    await stale.getByText("Nothing has changed since version 1.", { exact: true }).scrollIntoViewIfNeeded();
    await stale.screenshot({ path: `/tmp/pc-shots/refusal-${width}.png` });
  }
  await stale.close();

  // An edit makes it publishable again: version 2.
  await page.getByRole("textbox", { name: "Headline" }).fill("Acme Coffee news on WhatsApp");
  await expect(publish).toBeEnabled();
  await publish.click();
  await expect(page.getByText("Published version 2. It is live now.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Nothing to publish" })).toBeDisabled();
  await page.getByRole("link", { name: "Versions" }).click();
  await expect(page.getByRole("heading", { name: /^Version \d+$/ })).toHaveText(["Version 2", "Version 1"]);

  // An old version's kept page says so and cannot be taken for the live form: a banner, and nothing to press.
  const first = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Version 1", exact: true }) });
  await first.getByRole("link", { name: "en", exact: true }).click();
  const banner = page.getByRole("note", { name: "Kept snapshot" });
  await expect(banner).toContainText("Snapshot of version 1 of “Unchanged” (en)");
  await expect(banner).toContainText("This is an old version: version 2 is live now.");
  await expect(page.getByRole("button", { name: "Sign up" })).toBeDisabled();
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: test.info().outputPath(`old-snapshot-${width}.png`) });
  }
  await page.context().close();
});

test("the builder preview's submit says it recorded nothing, with JavaScript off and on", async ({ browser }) => {
  const page = await signIn(browser, e2eAccounts.marketer);
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Forms" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Preview check");
  await page.getByLabel("Address").fill(`preview-${Date.now()}`);
  await page.getByRole("button", { name: "Create and open the builder" }).click();
  await expect(page.getByRole("heading", { name: "WhatsApp policy check" })).toBeVisible();
  const [, workspace, , formId] = new URL(page.url()).pathname.split("/");
  const storageState = await page.context().storageState();
  for (const javaScriptEnabled of [false, true]) {
    const context = await browser.newContext({ storageState, javaScriptEnabled });
    const preview = await context.newPage();
    await preview.goto(`/preview/${workspace}/${formId}`);
    await preview.getByRole("checkbox").first().check();
    await preview.getByRole("textbox", { name: "Your WhatsApp number" }).fill("(201) 555-0161");
    await preview.getByRole("button", { name: "Sign up" }).click();
    await expect(preview.getByRole("alert").filter({ hasText: "This is a preview: nothing was recorded." })).toBeVisible();
    // A post without JavaScript comes back to the preview itself, not to a receipt or an error page.
    expect(new URL(preview.url()).pathname).toBe(`/preview/${workspace}/${formId}`);
    await context.close();
  }
});
