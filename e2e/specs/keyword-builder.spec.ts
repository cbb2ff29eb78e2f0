import { writeFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { pdfPageToPng, pdfToText } from "../../testing/poppler";
import { e2eAccounts } from "../support/accounts";
import { signIn } from "../support/sign-in";

test.skip(({ isMobile }) => isMobile, "the builder is for laptops and tablets; its 360 px layout is checked below");

/** Creates a keyword form with Offers only, adds Spanish, and lands on its builder. */
async function newKeywordForm(page: Page, channel: "SMS keyword" | "WhatsApp keyword", slug: string, keyword: string) {
  await page.goto("/demo/forms");
  await page.getByLabel("Name", { exact: true }).fill(`${channel} ${keyword}`);
  await page.getByLabel("Address").fill(slug);
  await page.getByLabel("Where people opt in").selectOption({ label: channel });
  await page.getByLabel("Keyword (SMS and WhatsApp forms)").fill(keyword);
  await page.getByRole("button", { name: "Create and open the builder" }).click();
  await expect(page.getByRole("heading", { name: "WhatsApp policy check" })).toBeVisible();
  for (const other of ["Order updates", "Product recommendations"]) await page.getByRole("checkbox", { name: other }).uncheck();
  await page.getByRole("checkbox", { name: "Español" }).check();
  await expect(page.getByRole("tab", { name: "Español" })).toHaveAttribute("aria-selected", "true");
}

/**
 * The open language tab's opening or closing of the reply, once the draft with it is saved; the conversation
 * preview beside it shows it, around the consent sentences.
 */
async function writeOwn(page: Page, field: "Opening (optional)" | "Closing (optional)", text: string) {
  const saved = page.waitForResponse((r) => r.request().headers()["next-action"] !== undefined && (r.request().postData() ?? "").includes(text.slice(-20)));
  await page.getByLabel(field).fill(text);
  await saved;
  const preview = page.getByRole("figure", { name: "Conversation preview" });
  await expect(preview).toContainText(text);
  return preview;
}

/** The address of a keyword form without a web page: 404, saying what to send where, in the person's language. */
async function expectNoWebPage(page: Page, slug: string, says: { en: string; es: string }) {
  const consumer = await page.context().browser()!.newPage();
  const response = await consumer.goto(`/f/demo/${slug}`);
  expect(response?.status()).toBe(404);
  await expect(consumer.getByRole("heading", { name: "Sign up by sending a message" })).toBeVisible();
  await expect(consumer.getByText(says.en)).toBeVisible();
  await expect(consumer.getByRole("checkbox")).toHaveCount(0);
  // The same switcher as the form's other pages: its languages, each a link to this address in it.
  const english = consumer.getByRole("navigation", { name: "Language" });
  await expect(english.locator('[aria-current="true"]')).toHaveText("English");
  await english.getByRole("link", { name: "Español" }).click();
  await expect(consumer).toHaveURL(new RegExp(`/f/demo/${slug}\\?lang=es$`));
  await expect(consumer.getByRole("heading", { name: "Regístrate enviando un mensaje" })).toBeVisible();
  await expect(consumer.locator("html")).toHaveAttribute("lang", "es");
  expect((await consumer.goto(`/f/demo/${slug}?lang=es`))?.status()).toBe(404);
  await expect(consumer.getByRole("heading", { name: "Regístrate enviando un mensaje" })).toBeVisible();
  await expect(consumer.getByText(says.es)).toBeVisible();
  const spanish = consumer.getByRole("navigation", { name: "Idioma" });
  await expect(spanish.getByRole("link", { name: "English" })).toHaveAttribute("href", `/f/demo/${slug}?lang=en`);
  // Only the form's languages: it has no Hindi wording to switch to.
  await expect(spanish.getByRole("link")).toHaveCount(1);
  // The page's stable POST refuses too: nobody signs up to a keyword form through a web post.
  const post = await consumer.request.post(`/f/demo/${slug}/submit`, {
    headers: { origin: new URL(consumer.url()).origin, accept: "application/json" },
    form: { submissionId: crypto.randomUUID(), language: "en", country: "US", phone: "2015550123", categories: "offers" },
  });
  expect(post.status()).toBe(422);
  expect(await post.json()).toMatchObject({ ok: false, state: { fields: { form: "This sign-up form is no longer available." } } });
  await consumer.close();
}

/**
 * Not found answers in the language negotiated as every consumer page does (the browser's, unless the switcher's
 * `lang` says otherwise), with the switcher: a keyword form's address in the form's languages, an address that
 * names no form in every language the pages speak.
 */
test("a keyword form's address and a missing form's answer in the visitor's language, with the language switcher", async ({ browser }) => {
  const page = await signIn(browser, e2eAccounts.marketer);
  const slug = `sms-cafe-${Date.now()}`;
  await newKeywordForm(page, "SMS keyword", slug, "cafe");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Published version 1. It is live now.")).toBeVisible();

  const spanish = await browser.newContext({ locale: "es-ES", viewport: { width: 360, height: 740 } });
  const phone = await spanish.newPage();
  expect((await phone.goto(`/f/demo/${slug}`))?.status()).toBe(404);
  await expect(phone.getByRole("heading", { name: "Regístrate enviando un mensaje" })).toBeVisible();
  await expect(phone.getByRole("navigation", { name: "Idioma" }).locator('[aria-current="true"]')).toHaveText("Español");
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await phone.screenshot({ path: "test-results/keyword-not-found-es-360.png", fullPage: true });
  await phone.getByRole("link", { name: "English" }).click();
  await expect(phone.getByRole("heading", { name: "Sign up by sending a message" })).toBeVisible();

  // An address that names no form: every language the pages speak, Spanish first from the browser's.
  expect((await phone.goto("/f/demo/no-such-form"))?.status()).toBe(404);
  await expect(phone.getByRole("heading", { name: "Esta página no está disponible" })).toBeVisible();
  const nav = phone.getByRole("navigation", { name: "Idioma" });
  await expect(nav.getByRole("link")).toHaveText(["English", "Português (Brasil)", "हिन्दी", "Bahasa Indonesia"]);
  await phone.screenshot({ path: "test-results/form-not-found-es-360.png", fullPage: true });
  await nav.getByRole("link", { name: "हिन्दी" }).click();
  await expect(phone).toHaveURL(/\/f\/demo\/no-such-form\?lang=hi$/);
  await expect(phone.locator("html")).toHaveAttribute("lang", "hi");
  await expect(phone.getByRole("navigation", { name: "भाषा" }).locator('[aria-current="true"]')).toHaveText("हिन्दी");
  await spanish.close();
});

test("a marketer builds an SMS keyword form in two languages as a conversation, is refused a closing that contradicts the poster, publishes, and its address has no web page", async ({
  browser,
}) => {
  const page = await signIn(browser, e2eAccounts.marketer);
  const slug = `sms-taco-${Date.now()}`;
  await newKeywordForm(page, "SMS keyword", slug, "taco");

  // No web fields: no headline, no button label, no checkbox sentence, no page preview.
  for (const web of ["Headline", "Button label", "Consent sentence (next to the checkbox)"]) await expect(page.getByLabel(web, { exact: true })).toHaveCount(0);
  await expect(page.locator('iframe[title*="preview" i]')).toHaveCount(0);
  await expect(page.getByLabel("Also publish a web sign-up page")).not.toBeChecked();
  // The demo has no SMS number yet: said plainly, with the way to set it.
  await expect(page.getByText("No SMS number is set yet")).toBeVisible();
  await expect(page.getByRole("link", { name: "Settings → Channels" })).toHaveAttribute("href", "/demo/settings/channels");

  // Spanish: the opening comes first, then the consent sentence as written above, then how to stop. Its í makes it
  // UCS-2, 67 characters a message once split.
  const esPreview = await writeOwn(page, "Opening (optional)", "¡Hola de Acme Coffee!");
  await expect(esPreview).toContainText("TACO");
  const esSentence = await page.getByLabel("Consent sentence (in the reply, word for word)").inputValue();
  await expect(esPreview).toContainText(`¡Hola de Acme Coffee!\n\n${esSentence}\n\nPuedes darte de baja cuando quieras`, { useInnerText: true });
  await expect(page.getByText(/^\d+ characters, UCS-2: \d text messages \(at most 3\)\.$/)).toBeVisible();

  await page.getByRole("tab", { name: "English" }).click();
  // Without an opening or closing the reply is the consent sentence and how to stop, as the poster prints them.
  const preview = page.getByRole("figure", { name: "Conversation preview" });
  await expect(preview).toContainText(
    "Yes, I want to receive offers from Acme Coffee on WhatsApp. You can stop at any time: reply STOP to Acme Coffee on WhatsApp.",
  );
  // A closing that names another stop word is a second instruction: said at once, and publishing refuses on it.
  const contradiction =
    'The closing tells people to send END, but "How to stop", which the poster prints, says STOP. Say how to stop only there, or use the same word.';
  await writeOwn(page, "Closing (optional)", "Reply END to cancel.");
  await expect(page.getByText(contradiction)).toBeVisible();
  await expect(page.getByLabel("Closing (optional)")).toHaveAttribute("aria-invalid", "true");
  await page.screenshot({ path: "test-results/keyword-builder-refused-1280.png", fullPage: true });
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Not published: the reply must say what the poster prints. Check the highlighted fields.")).toBeVisible();
  await expect(page.getByText(contradiction)).toHaveCount(2); // under the field, and in the refusal's list
  await expect(page.getByText(/^Published version/)).toHaveCount(0);

  await writeOwn(page, "Closing (optional)", "Msg & data rates may apply.");
  await expect(page.getByText(contradiction)).toHaveCount(0);
  await expect(page.getByText(/^\d+ characters, GSM-7: 1 text message \(at most 3\)\.$/)).toBeVisible();
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Published version 1. It is live now.")).toBeVisible();
  await expect(page.getByText(/could not be taken/)).toHaveCount(0);
  await expectNoWebPage(page, slug, {
    en: "To sign up, send TACO to the number shown where you found this address.",
    es: "Para registrarte, envía TACO al número que aparece donde encontraste esta dirección.",
  });
});

test("a marketer builds a WhatsApp keyword form in two languages, is held to 1,024 characters, publishes, and the poster prints what the reply says", async ({
  browser,
}) => {
  const page = await signIn(browser, e2eAccounts.marketer);
  const slug = `wa-hola-${Date.now()}`;
  await newKeywordForm(page, "WhatsApp keyword", slug, "hola");
  await expect(page.getByText("+1 415 555 0100", { exact: true })).toBeVisible();

  await expect(await writeOwn(page, "Closing (optional)", "Gracias por escribirnos.")).toContainText("HOLA");

  await page.getByRole("tab", { name: "English" }).click();
  // Past 1,024 the reply says so at once, and the save is refused with the same words.
  await page.getByLabel("Closing (optional)").fill(`See you soon. ${"x".repeat(1000)}`);
  await expect(page.getByText(/^1,1\d\d of 1,024 characters\.$/)).toBeVisible();
  await expect(page.getByText(/^The reply has 1,1\d\d characters; WhatsApp allows 1,024 in a message with buttons\. Shorten it\.$/)).toBeVisible();
  await expect(page.getByText("Check the highlighted fields.")).toBeVisible();
  await writeOwn(page, "Opening (optional)", "Hi from Acme Coffee!");
  const preview = await writeOwn(page, "Closing (optional)", "See you soon.");
  await expect(page.getByText(/^\d{3} of 1,024 characters\.$/)).toBeVisible();
  await expect(page.getByText(/WhatsApp allows 1,024/)).toHaveCount(0);
  const sent = (await preview.locator("p.whitespace-pre-wrap").textContent()) ?? "";
  expect(sent).toBe(
    "Hi from Acme Coffee!\n\nYes, I want to receive offers from Acme Coffee on WhatsApp.\n\nYou can stop at any time: reply STOP to Acme Coffee on WhatsApp.\n\nSee you soon.",
  );
  await page.screenshot({ path: "test-results/keyword-builder-1280.png", fullPage: true });

  // The builder fits a phone's width: nothing scrolls sideways.
  await page.setViewportSize({ width: 360, height: 740 });
  await expect(page.getByRole("figure", { name: "Conversation preview" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.getByLabel("Opening (optional)").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/keyword-builder-360.png" });
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Published version 1. It is live now.")).toBeVisible();
  const formId = page.url().match(/\/demo\/forms\/([0-9a-f-]{36})/)![1];

  // The poster prints the same consent sentence and how to stop the reply carries, word for word.
  await page.goto(`/demo/forms/${formId}/share`);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download poster (PDF)" }).click()]);
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  const pdf = new Uint8Array(Buffer.concat(chunks));
  await writeFile("test-results/keyword-poster.png", await pdfPageToPng(pdf, 1, 80));
  const poster = (await pdfToText(pdf)).replace(/[\s\u00a0]+/g, " ");
  for (const said of sent.split("\n\n").slice(1, 3)) expect(poster).toContain(said);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.screenshot({ path: "test-results/keyword-share-360.png", fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  await expectNoWebPage(page, slug, {
    en: "To sign up, send HOLA to +1 415 555 0100 on WhatsApp.",
    es: "Para registrarte, envía HOLA al +1 415 555 0100 por WhatsApp.",
  });
});
