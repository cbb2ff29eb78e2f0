import { expect, test, type Browser, type Page } from "@playwright/test";
import { e2eAccounts } from "../support/accounts";
import { signIn } from "../support/sign-in";
import { visitFromOwnAddress } from "../support/visitor-address";

// Issue 15: after a refused submission the country picker went back to the starting country (JavaScript on) while
// the number and the ticks stayed, so a corrected Mexican number was recorded as a New Jersey one. Each correction
// runs with JavaScript on and off, and what the ledger recorded is checked in the dashboard.
const FORM = "/f/demo/join";

test.beforeEach(async ({ context }) => {
  await visitFromOwnAddress(context);
});

type Correction = {
  who: string;
  lang: "en" | "es";
  country: string;
  typed: string;
  refusal: string;
  fixed: string;
  /** As the receipt shows it, from the ledger's record of this submission. */
  shown: string;
  countryName: string;
  recorded: string;
  /** What the old bug recorded instead: it must not exist. */
  misread: string | null;
  category: RegExp;
  signUp: string;
};

const corrections: Correction[] = [
  {
    who: "a Mexican visitor (in Spanish)",
    lang: "es",
    country: "MX",
    typed: "55 1234 567",
    refusal: "Este número de teléfono es demasiado corto.",
    fixed: "55 1234 5678",
    shown: "+52 55 1234 5678",
    countryName: "(México)",
    recorded: "+525512345678",
    misread: "+15512345678",
    category: /ofertas de Acme Coffee/,
    signUp: "Registrarme",
  },
  {
    who: "a UK visitor",
    lang: "en",
    country: "GB",
    typed: "07911 12345",
    refusal: "This is not a valid phone number for its country.",
    fixed: "07911 123456",
    shown: "+44 7911 123456",
    // libphonenumber places 07911 in Guernsey's part of the UK numbering plan; what matters is that it is +44.
    countryName: "(Guernsey)",
    recorded: "+447911123456",
    misread: null,
    category: /offers from Acme Coffee/,
    signUp: "Sign up",
  },
];

async function ledgerHas(browser: Browser, phone: string): Promise<number> {
  const staff = await signIn(browser, e2eAccounts.marketer);
  await staff.goto(`/demo/contacts?q=${encodeURIComponent(phone)}`);
  await expect(staff.getByRole("heading", { name: "Contacts" })).toBeVisible();
  const found = await staff.getByRole("link", { name: phone, exact: true }).count();
  await staff.context().close();
  return found;
}

async function shot(page: Page, path: string) {
  await page.screenshot({ path, fullPage: true });
}

for (const javaScript of [true, false]) {
  test.describe(`with JavaScript ${javaScript ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled: javaScript });

    for (const c of corrections) {
      test(`${c.who} corrects a refused number and the number is recorded in the country picked`, async ({ page, browser }, testInfo) => {
        await page.goto(`${FORM}?lang=${c.lang}`);
        const country = page.getByRole("combobox", { name: c.lang === "es" ? "País" : "Country" });
        const phone = page.getByRole("textbox", { name: c.lang === "es" ? "Tu número de WhatsApp" : "Your WhatsApp number" });
        const name = page.getByRole("textbox", { name: c.lang === "es" ? /Tu nombre/ : /Your name/ });
        const box = page.getByRole("checkbox", { name: c.category });
        // The picker starts elsewhere (the workspace's country, as the browser's language is en-US).
        await expect(country).toHaveValue("US");
        await country.selectOption(c.country);
        await box.check();
        await phone.fill(c.typed);
        await name.fill("Ana");
        await page.getByRole("button", { name: c.signUp }).click();

        await expect(page.getByText(c.refusal)).toBeVisible();
        // Everything the person chose is still there, the picker included.
        await expect(country).toHaveValue(c.country);
        await expect(phone).toHaveValue(c.typed);
        await expect(name).toHaveValue("Ana");
        await expect(box).toBeChecked();
        await shot(page, testInfo.outputPath(`refused-${c.lang}.png`));

        await phone.fill(c.fixed);
        await page.getByRole("button", { name: c.signUp }).click();
        const receipt = page.getByTestId("receipt-phone");
        await expect(receipt).toHaveText(c.shown);
        await expect(page.getByText(c.countryName)).toBeVisible();
        await shot(page, testInfo.outputPath(`receipt-${c.lang}.png`));

        expect(await ledgerHas(browser, c.recorded)).toBe(1);
        if (c.misread) expect(await ledgerHas(browser, c.misread)).toBe(0);
      });
    }

    test("a number pasted with en dashes and direction marks is accepted", async ({ page }) => {
      await page.goto(FORM);
      await page.getByRole("checkbox", { name: /offers from Acme Coffee/ }).check();
      // As iOS copies it from Contacts: wrapped in left-to-right marks, with en dashes.
      await page.getByRole("textbox", { name: "Your WhatsApp number" }).fill(`\u200e+1 201\u2013555\u2013${javaScript ? "0144" : "0145"}\u200e`);
      await page.getByRole("button", { name: "Sign up" }).click();
      await expect(page.getByTestId("receipt-phone")).toHaveText(`+1 201 555 ${javaScript ? "0144" : "0145"}`);
      await expect(page.getByText("(United States)")).toBeVisible();
    });
  });
}
