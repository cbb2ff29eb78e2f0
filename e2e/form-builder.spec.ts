import { expect, test } from "@playwright/test";
import { e2eAccounts } from "./accounts";
import { signIn } from "./sign-in";

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
  await page.getByRole("group", { name: "Offers" }).getByLabel("Consent sentence (next to the checkbox)").fill("Sí, quiero recibir ofertas de Acme Coffee por WhatsApp.");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Published version 1. It is live now.")).toBeVisible();

  // The live page serves the published Spanish wording, with only the two chosen categories.
  const consumer = await browser.newPage();
  await consumer.goto(`/f/demo/${slug}?lang=es`);
  await expect(consumer.getByText("Sí, quiero recibir ofertas de Acme Coffee por WhatsApp.")).toBeVisible();
  await expect(consumer.getByRole("checkbox")).toHaveCount(2);
  await consumer.close();

  // The version is kept with a snapshot of the page in each language.
  await page.getByRole("link", { name: "Versions" }).click();
  await expect(page.getByRole("heading", { name: "Version 1" })).toBeVisible();
  await expect(page.getByRole("link", { name: "es", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "en", exact: true })).toBeVisible();
});
