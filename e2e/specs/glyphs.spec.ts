import { expect, type Page, test, type TestInfo } from "@playwright/test";
import { e2eAccounts, e2eOtherWorkspace } from "../support/accounts";
import { launchWithLatinFontsOnly } from "../support/latin-only-fonts";
import { missingDevanagariGlyphs } from "../support/missing-glyphs";
import { signIn } from "../support/sign-in";
import { visitFromOwnAddress } from "../support/visitor-address";

// Every page that shows Devanagari, drawn by a Chromium that has no Devanagari font of its own: what the bundled
// faces (app/globals.css) do not draw is empty boxes there. Which characters the faces hold is tested in
// lib/public-pages/devanagari-font.test.ts.

const FORM = "/f/demo/join";
const HINDI_NAME = "प्रिया शर्मा";

let latin: Awaited<ReturnType<typeof launchWithLatinFontsOnly>>;
test.beforeAll(async () => {
  latin = await launchWithLatinFontsOnly();
});
test.afterAll(async () => {
  await latin?.close();
});

function contextOptions(testInfo: TestInfo) {
  const { baseURL, viewport } = testInfo.project.use;
  return { baseURL, viewport: viewport ?? { width: 1280, height: 800 } };
}

async function visitor(testInfo: TestInfo): Promise<Page> {
  const context = await latin.browser.newContext(contextOptions(testInfo));
  await visitFromOwnAddress(context);
  return context.newPage();
}

/** A different number per test and project, away from the other specs' numbers. */
function phoneFor(testInfo: TestInfo, n: number): string {
  return `+1 201 555 04${testInfo.project.name === "phone" ? 5 : 6}${n}`;
}

/** Every Devanagari run on the page drawn by the bundled face of its weight, and the given weights among them. */
async function expectNoMissingGlyphs(page: Page, testInfo: TestInfo, shot: string, weights: number[]) {
  await testInfo.attach(shot, { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
  const report = await missingDevanagariGlyphs(page);
  expect(report.problems).toEqual([]);
  expect(report.runs).toBeGreaterThan(0);
  expect(report.weights).toEqual(expect.arrayContaining(weights));
}

/** Signs up through the Hindi form, with a Hindi name, and lands on the Hindi receipt. */
async function signUpInHindi(page: Page, phone: string) {
  await page.goto(`${FORM}?lang=hi`);
  await page.getByRole("checkbox").first().check();
  await page.getByRole("textbox", { name: "आपका WhatsApp नंबर" }).fill(phone);
  await page.getByRole("textbox", { name: /आपका नाम/ }).fill(HINDI_NAME);
  await page.getByRole("button", { name: "साइन अप करें" }).click();
  await expect(page.getByRole("heading", { name: "आपने साइन अप कर लिया है" })).toBeVisible();
}

test("the browser here has no Devanagari font of its own: text not in the bundled face is found as boxes", async () => {
  const page = await latin.browser.newPage();
  await page.setContent(`<p lang="hi" style="font-family: sans-serif">हिन्दी</p><p lang="hi" style="font-family: sans-serif; font-weight: 700">हिन्दी</p>`);
  const report = await missingDevanagariGlyphs(page);
  expect(report.problems.map((p) => p.text)).toEqual(["हिन्दी", "हिन्दी", "हिन्दी", "हिन्दी"]);
  expect(report.problems[0]!.fonts.join()).toMatch(/DejaVu/);
  await page.close();
});

for (const lang of ["en", "es", "pt-BR", "id"]) {
  test(`the hosted form in ${lang} draws the switcher's हिन्दी`, async ({}, testInfo) => {
    const page = await visitor(testInfo);
    await page.goto(`${FORM}?lang=${lang}`);
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await expect(page.getByRole("link", { name: "हिन्दी" })).toBeVisible();
    await expectNoMissingGlyphs(page, testInfo, `form-${lang}`, [400]);
    await page.context().close();
  });
}

test("a Hindi visitor's form, receipt and preference centre draw every weight, and so do their English pages", async ({}, testInfo) => {
  const page = await visitor(testInfo);
  await page.goto(`${FORM}?lang=hi`);
  // Body text, the labels and category names (semibold), the heading (bold).
  await expectNoMissingGlyphs(page, testInfo, "form-hi", [400, 600, 700]);

  await signUpInHindi(page, phoneFor(testInfo, 1));
  const english = await page.getByRole("link", { name: "English" }).getAttribute("href");
  const preferences = await page.locator('a[href^="/p/"]').getAttribute("href");
  await expectNoMissingGlyphs(page, testInfo, "receipt-hi", [400, 600, 700]);
  await page.goto(english!);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expectNoMissingGlyphs(page, testInfo, "receipt-en", [400]);

  await page.goto(preferences!);
  await expect(page.locator("html")).toHaveAttribute("lang", "hi");
  const preferencesInEnglish = await page.getByRole("link", { name: "English" }).getAttribute("href");
  await expectNoMissingGlyphs(page, testInfo, "preferences-hi", [400, 600, 700]);
  await page.goto(preferencesInEnglish!);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expectNoMissingGlyphs(page, testInfo, "preferences-en", [400]);
  await page.context().close();
});

test("the page a stale form's post gets, in Hindi, draws every weight from its inline faces", async ({}, testInfo) => {
  const page = await visitor(testInfo);
  await page.goto(`${FORM}?lang=hi`);
  // What a form rendered by an earlier build posts without JavaScript: a server action this build does not know.
  await page.evaluate(() => {
    const form = document.createElement("form");
    form.method = "post";
    form.enctype = "multipart/form-data";
    form.action = location.href;
    const field = document.createElement("input");
    field.name = `$ACTION_ID_${"0".repeat(42)}`;
    form.append(field);
    document.body.append(form);
    form.submit();
  });
  await expect(page.getByRole("heading", { name: "यह पेज अपडेट हो गया है" })).toBeVisible();
  await expectNoMissingGlyphs(page, testInfo, "stale-action-hi", [400, 600, 700]);
  await page.context().close();
});

test("the dashboard draws a contact's Hindi name in the list and on the contact's page", async ({}, testInfo) => {
  const signUp = await visitor(testInfo);
  const phone = phoneFor(testInfo, 2);
  await signUpInHindi(signUp, phone);
  await signUp.context().close();

  const { viewport, ...options } = contextOptions(testInfo);
  const staff = await signIn(latin.browser, e2eAccounts.compliance, viewport, options);
  const e164 = phone.replaceAll(" ", "");
  await staff.goto(`/demo/contacts?q=${encodeURIComponent(e164)}`);
  await expect(staff.getByRole("cell", { name: HINDI_NAME })).toBeVisible();
  await expectNoMissingGlyphs(staff, testInfo, "contacts", [400]);
  await staff.goto(`/demo/contacts?q=${encodeURIComponent(e164)}`);
  await staff.getByRole("link", { name: e164, exact: true }).click();
  await expect(staff.getByText(HINDI_NAME)).toBeVisible();
  await expectNoMissingGlyphs(staff, testInfo, "contact", [400]);
  await staff.context().close();
});

test("the dashboard draws a category named and worded in Hindi", async ({}, testInfo) => {
  // In the other workspace, whose categories no other spec reads.
  const { viewport, ...options } = contextOptions(testInfo);
  const page = await signIn(latin.browser, e2eAccounts.outsider, viewport, options);
  await page.goto(`/${e2eOtherWorkspace}/settings/categories`);
  const label = `ताज़ा ख़बरें ${testInfo.project.name === "phone" ? "१" : "२"}`;
  const add = page.getByRole("region", { name: "Add a category" });
  await add.getByLabel("Key").fill(`news_hi_${testInfo.project.name}_${Date.now()}`);
  await add.getByLabel("Label").fill(label);
  await add.getByLabel("How often").fill("हफ़्ते में एक बार");
  await add.getByLabel("Description").fill("दुकान की नई ख़बरें और त्योहारों की सूचनाएँ।");
  await add.getByLabel("Example message").fill("इस शनिवार को दिवाली मेला: सभी के लिए मुफ़्त चाय।");
  await add.getByRole("button", { name: "Add category" }).click();
  await expect(page.getByRole("heading", { name: label })).toBeVisible();
  // The category's name in a semibold heading, its wording in the edit form's fields.
  await expectNoMissingGlyphs(page, testInfo, "categories", [600]);
  await page.context().close();
});

test("the form builder draws the Hindi wording in its fields and its preview", async ({ isMobile }, testInfo) => {
  test.skip(isMobile, "the builder is for laptops and tablets");
  const { viewport, ...options } = contextOptions(testInfo);
  const page = await signIn(latin.browser, e2eAccounts.marketer, viewport, options);
  await page.goto("/demo/forms");
  await page
    .getByRole("row")
    .filter({ hasText: `${FORM}` })
    .getByRole("link")
    .first()
    .click();
  await page.getByRole("tab", { name: "हिन्दी" }).click();
  await expect(page.getByRole("tabpanel")).toHaveAttribute("lang", "hi");
  await expect(page.getByRole("tabpanel").getByLabel("Headline")).toHaveValue(/[\u0900-\u097F]/);
  await expectNoMissingGlyphs(page, testInfo, "builder-hi", [400]);
  await page.context().close();
});
