import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { themedForm } from "../support/themed-form";
import { visitFromOwnAddress } from "../support/visitor-address";

// The demo form is seeded in five languages on the fresh database the test server starts with.
const FORM = "/f/demo/join";

/** A different US mobile per test and project, so the per-number rate limit never bites. */
function phoneFor(testInfo: TestInfo, n: number): string {
  return `(201) 555-0${testInfo.project.name === "phone" ? 2 : 3}${String(n).padStart(2, "0")}`;
}

test.beforeEach(async ({ context }) => {
  await visitFromOwnAddress(context);
});

async function expectNoSeriousAxeViolations(page: Page) {
  // After a client-side navigation the new page's <title> arrives a moment after its URL: wait for it (which also
  // asserts there is one) rather than let axe catch the page between the two.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function signUp(page: Page, phone: string, categories: RegExp[], submit: RegExp | string) {
  for (const c of categories) await page.getByRole("checkbox", { name: c }).check();
  await page.getByRole("textbox", { name: /WhatsApp/ }).fill(phone);
  await page.getByRole("button", { name: submit }).click();
}

test.describe("a Spanish-speaking visitor in Mexico", () => {
  test.use({ locale: "es-MX" });

  test("gets the form in Spanish, Mexico preselected, and a Spanish receipt", async ({ page }, testInfo) => {
    await page.goto(FORM);
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByRole("heading", { name: "Recibe novedades de Acme Coffee por WhatsApp" })).toBeVisible();
    await expect(page.getByRole("combobox", { name: "País" })).toHaveValue("MX");
    await expect(page.getByRole("button", { name: "Registrarme" })).toBeDisabled();
    // The visitor's number is from the US: the + carries its own country code, whatever the picker says.
    await signUp(page, `+1 ${phoneFor(testInfo, 1)}`, [/Sí, quiero recibir ofertas de Acme Coffee por WhatsApp/], "Registrarme");
    await expect(page.getByRole("heading", { name: "Ya estás registrado" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByText("“Sí, quiero recibir ofertas de Acme Coffee por WhatsApp.”")).toBeVisible();
    await expect(page.getByRole("link", { name: "Confirmar en WhatsApp" })).toHaveAttribute(
      "href",
      /^https:\/\/wa\.me\/14155550100\?text=.*C%C3%B3digo%3A%20[2-9A-HJ-NP-Z]{6}$/,
    );
  });

  test("is answered in Spanish when the number is wrong", async ({ page }) => {
    await page.goto(FORM);
    await signUp(page, "12", [/ofertas de Acme Coffee/], "Registrarme");
    await expect(page.getByText("Este número de teléfono es demasiado corto.")).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Tu número de WhatsApp" })).toHaveAttribute("aria-describedby", /phone-error/);
  });
});

test("the language switcher lists the form's languages and changes the page", async ({ page }) => {
  await page.goto(FORM);
  const switcher = page.getByRole("navigation", { name: "Language" });
  await expect(switcher.getByRole("link")).toHaveText(["Español", "Português (Brasil)", "हिन्दी", "Bahasa Indonesia"]);
  await switcher.getByRole("link", { name: "हिन्दी" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "hi");
  await expect(page.getByRole("heading", { name: "WhatsApp पर Acme Coffee के अपडेट पाएँ" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "आपका WhatsApp नंबर" })).toBeVisible();
});

test("from the receipt to the preference centre: stop one kind of message", async ({ page }, testInfo) => {
  await page.goto(FORM);
  await signUp(page, phoneFor(testInfo, 2), [/offers from Acme Coffee/, /order updates from Acme Coffee/], "Sign up");
  await expect(page.getByRole("heading", { name: "You’re signed up" })).toBeVisible();
  await page.getByRole("link", { name: "Manage my WhatsApp messages" }).click();

  await expect(page.getByRole("heading", { name: "Your WhatsApp messages from Acme Coffee" })).toBeVisible();
  const offers = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Offers" }) });
  await expect(offers.getByText("You get these")).toBeVisible();
  // A plain form to the page's stable address (not a server action), answered with a redirect back to the page.
  const sent = page.waitForResponse((r) => r.request().method() === "POST");
  await offers.getByRole("button", { name: "Stop these messages" }).click();
  const answer = await sent;
  expect(new URL(answer.url()).pathname).toMatch(/^\/p\/[A-Za-z0-9_-]{43}\/submit$/);
  expect(answer.status()).toBe(303);
  expect(answer.request().headers()["next-action"]).toBeUndefined();
  await expect(page.getByRole("status")).toHaveText("Saved. Those messages have stopped.");
  await expect(offers.getByText("Stopped")).toBeVisible();
  await expect(offers.getByRole("button", { name: "Get these messages again" })).toBeVisible();
  const orders = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Order updates" }) });
  await expect(orders.getByText("You get these")).toBeVisible();
});

test("a forged preference link is not found and says how to stop", async ({ page }) => {
  const response = await page.goto("/p/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This page is not available" })).toBeVisible();
  await expect(page.getByText(/reply STOP/)).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("signs up, sees the receipt and stops everything from the preference centre", async ({ page }, testInfo) => {
    await page.goto(`${FORM}?lang=pt-BR`);
    await signUp(page, phoneFor(testInfo, 3), [/ofertas da Acme Coffee/], "Quero me cadastrar");
    await expect(page.getByRole("heading", { name: "Cadastro feito" })).toBeVisible();
    await page.getByRole("link", { name: "Gerenciar minhas mensagens do WhatsApp" }).click();
    await page.getByRole("button", { name: "Parar todas as mensagens de Acme Coffee" }).click();
    await expect(page.getByRole("status")).toHaveText("Salvo. Essas mensagens foram interrompidas.");
    await expect(page.getByText("Você não recebe nenhuma mensagem desta empresa.")).toBeVisible();
  });
});

for (const language of ["en", "hi", "id"]) {
  test(`no serious accessibility problems, ${language}`, async ({ page }, testInfo) => {
    const shot = async (name: string) => {
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: testInfo.outputPath(`${language}-${name}.png`), fullPage: true });
    };
    await page.goto(`${FORM}?lang=${language}`);
    await expectNoSeriousAxeViolations(page);
    await shot("form");
    await page.getByRole("checkbox").first().check();
    await page.getByRole("checkbox").nth(1).check();
    await page.locator("#phone").fill(phoneFor(testInfo, 10 + ["en", "hi", "id"].indexOf(language)));
    await page.locator("button[type=submit]").click();
    await expect(page).toHaveURL(/\/receipt\//);
    await expect(page.locator("html")).toHaveAttribute("lang", language);
    await expectNoSeriousAxeViolations(page);
    await shot("receipt");
    await page.locator('a[href^="/p/"]').click();
    await expect(page).toHaveURL(/\/p\//);
    await expectNoSeriousAxeViolations(page);
    await shot("preferences");
  });
}

test("a form in its own colours: drawn in them, and no serious accessibility problems", async ({ page }, testInfo) => {
  const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(", ")})`;
  const { accent, background } = themedForm.theme;
  await page.goto(`/f/demo/${themedForm.slug}?lang=es`);
  await expect(page.getByRole("button", { name: "Registrarme" })).toHaveCSS("background-color", rgb(accent));
  await expect(page.locator("main").locator("xpath=../..")).toHaveCSS("background-color", rgb(background));
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: testInfo.outputPath("colours-form.png"), fullPage: true });
  await signUp(page, phoneFor(testInfo, 20), [/ofertas de Acme Coffee/], "Registrarme");
  await expect(page).toHaveURL(/\/receipt\//);
  await expect(page.getByRole("link", { name: /Gestionar/ })).toHaveCSS("color", rgb(accent));
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: testInfo.outputPath("colours-receipt.png"), fullPage: true });
  await page.locator('a[href^="/p/"]').click();
  await expect(page).toHaveURL(/\/p\//);
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: testInfo.outputPath("colours-preferences.png"), fullPage: true });
});
