import { expect, test, type Page } from "@playwright/test";
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

/** The reply of the open language tab, the conversation preview beside it, and the length under it. */
async function writeReply(page: Page, reply: string) {
  const saved = page.waitForResponse((r) => r.request().headers()["next-action"] !== undefined && (r.request().postData() ?? "").includes(reply.slice(-20)));
  await page.getByLabel("Reply the person receives").fill(reply);
  await saved;
  const preview = page.getByRole("figure", { name: "Conversation preview" });
  await expect(preview).toContainText(reply);
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
  expect((await consumer.goto(`/f/demo/${slug}?lang=es`))?.status()).toBe(404);
  await expect(consumer.getByRole("heading", { name: "Regístrate enviando un mensaje" })).toBeVisible();
  await expect(consumer.getByText(says.es)).toBeVisible();
  // The page's stable POST refuses too: nobody signs up to a keyword form through a web post.
  const post = await consumer.request.post(`/f/demo/${slug}/submit`, {
    headers: { origin: new URL(consumer.url()).origin, accept: "application/json" },
    form: { submissionId: crypto.randomUUID(), language: "en", country: "US", phone: "2015550123", categories: "offers" },
  });
  expect(post.status()).toBe(422);
  expect(await post.json()).toMatchObject({ ok: false, state: { fields: { form: "This sign-up form is no longer available." } } });
  await consumer.close();
}

test("a marketer builds an SMS keyword form in two languages as a conversation, publishes it, and its address has no web page", async ({ browser }) => {
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

  // Spanish: a reply with í goes as UCS-2, 70 characters a message.
  const es = "Sí: Acme Coffee te enviará ofertas por WhatsApp. Envía STOP para darte de baja.";
  const esPreview = await writeReply(page, es);
  await expect(esPreview).toContainText("TACO");
  await expect(page.getByText("79 characters, UCS-2: 2 text messages (at most 3).")).toBeVisible();

  await page.getByRole("tab", { name: "English" }).click();
  // Empty, the standard reply is what is sent, and the preview shows it.
  await expect(page.getByRole("figure", { name: "Conversation preview" })).toContainText("Yes, I want to receive offers from Acme Coffee");
  const en = "Acme Coffee: you are signed up for offers on WhatsApp. Text STOP to stop.";
  await writeReply(page, en);
  await expect(page.getByText("73 characters, GSM-7: 1 text message (at most 3).")).toBeVisible();

  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Published version 1. It is live now.")).toBeVisible();
  await expect(page.getByText(/could not be taken/)).toHaveCount(0);
  await expectNoWebPage(page, slug, {
    en: "To sign up, send TACO to the number shown where you found this address.",
    es: "Para registrarte, envía TACO al número que aparece donde encontraste esta dirección.",
  });
});

test("a marketer builds a WhatsApp keyword form in two languages, is held to 1,024 characters, publishes, and gets no web page", async ({ browser }) => {
  const page = await signIn(browser, e2eAccounts.marketer);
  const slug = `wa-hola-${Date.now()}`;
  await newKeywordForm(page, "WhatsApp keyword", slug, "hola");
  await expect(page.getByText("+1 415 555 0100", { exact: true })).toBeVisible();

  const es = "Acme Coffee: ya recibes ofertas por WhatsApp. Envía BAJA para dejar de recibirlas.";
  await expect(await writeReply(page, es)).toContainText("HOLA");
  await expect(page.getByText("82 of 1,024 characters.")).toBeVisible();

  await page.getByRole("tab", { name: "English" }).click();
  // Past 1,024 the field says so at once, and the save is refused with the same words.
  const long = `Acme Coffee on WhatsApp. Send STOP to stop. ${"x".repeat(1000)}`;
  await page.getByLabel("Reply the person receives").fill(long);
  await expect(page.getByText("1,044 of 1,024 characters.")).toBeVisible();
  await expect(page.getByText("The reply has 1,044 characters; WhatsApp allows 1,024 in a message with buttons. Shorten it.")).toBeVisible();
  await expect(page.getByText("Check the highlighted fields.")).toBeVisible();
  const en = "Acme Coffee: you are in for offers on WhatsApp. Send STOP to stop.";
  await writeReply(page, en);
  await expect(page.getByText("66 of 1,024 characters.")).toBeVisible();
  await expect(page.getByText(/WhatsApp allows 1,024/)).toHaveCount(0);

  // The builder fits a phone's width: nothing scrolls sideways.
  await page.setViewportSize({ width: 360, height: 740 });
  await expect(page.getByRole("figure", { name: "Conversation preview" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Published version 1. It is live now.")).toBeVisible();
  await expectNoWebPage(page, slug, {
    en: "To sign up, send HOLA to +1 415 555 0100 on WhatsApp.",
    es: "Para registrarte, envía HOLA al +1 415 555 0100 por WhatsApp.",
  });
});
