import { expect, test } from "@playwright/test";
import { visitFromOwnAddress } from "../support/visitor-address";

// The demo form is seeded on the fresh database the test server starts with.
const FORM = "/f/demo/join";

test.beforeEach(async ({ context }) => {
  await visitFromOwnAddress(context);
});

test("a person picks categories, gives their number and gets a receipt", async ({ page }, testInfo) => {
  await page.goto(FORM);
  await expect(page.getByText("Acme Coffee", { exact: true })).toBeVisible();
  const offers = page.getByRole("checkbox", { name: /offers from Acme Coffee on WhatsApp/ });
  await expect(offers).not.toBeChecked();
  const submit = page.getByRole("button", { name: "Sign up" });
  await expect(submit).toBeDisabled();
  await page.screenshot({ path: testInfo.outputPath("form.png"), fullPage: true });

  await offers.check();
  await page.getByRole("checkbox", { name: /order updates from Acme Coffee/ }).check();
  await page.getByRole("textbox", { name: "Your WhatsApp number" }).fill(`(201) 555-${testInfo.project.name === "phone" ? "0142" : "0141"}`);
  await page.getByRole("textbox", { name: /Your name/ }).fill("Ana");
  await submit.click();

  await expect(page.getByRole("heading", { name: "You’re signed up" })).toBeVisible();
  await expect(page.getByText("Yes, I want to receive offers from Acme Coffee on WhatsApp.")).toBeVisible();
  // In full, with its country, so a mistyped number or one read in the wrong country is noticed.
  await expect(page.getByTestId("receipt-phone")).toHaveText(`+1 201 555 ${testInfo.project.name === "phone" ? "0142" : "0141"}`);
  await expect(page.getByText("(United States)")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("receipt.png"), fullPage: true });
});

test.describe("in the person's time zone", () => {
  test.use({ timezoneId: "Asia/Kolkata" });

  test("form and receipt name the business's number and each frequency; the receipt gives the time in the person's zone beside UTC", async ({
    page,
  }, testInfo) => {
    await page.goto(FORM);
    // The demo's number (fictional, and the builder warns about it), grouped for people and unbroken.
    await expect(page.getByTestId("messages-from")).toContainText("Messages will come from Acme Coffee Roasters Ltd on WhatsApp at +1 415 555 0100.");
    await expect(page.getByRole("checkbox", { name: /offers from Acme Coffee/ })).toHaveAccessibleDescription(/Up to 2 a month/);
    await page.getByRole("checkbox", { name: /offers from Acme Coffee/ }).check();
    await page.getByRole("checkbox", { name: /order updates from Acme Coffee/ }).check();
    await page.getByRole("textbox", { name: "Your WhatsApp number" }).fill(`(201) 555-${testInfo.project.name === "phone" ? "0152" : "0151"}`);
    await page.getByRole("button", { name: "Sign up" }).click();

    await expect(page.getByRole("heading", { name: "You’re signed up" })).toBeVisible();
    await expect(page.getByText(/\(UTC\), this number agreed/)).toBeVisible();
    await expect(page.getByTestId("receipt-local-time")).toHaveText(/^Your time: \w+ \d+, \d{4}\D+\d+:\d\d\s?[AP]M (GMT\+5:30|IST)$/u);
    await expect(page.getByText("How often: Up to 2 a month")).toBeVisible();
    await expect(page.getByText("How often: Only when you order")).toBeVisible();
    await expect(page.getByTestId("receipt-business-number")).toHaveText("Messages come from Acme Coffee on WhatsApp at +1 415 555 0100.");
    // Switching the receipt's language keeps all of it, in that language.
    await page.getByRole("link", { name: "Español" }).click();
    await expect(page.getByTestId("receipt-business-number")).toHaveText("Los mensajes llegan de Acme Coffee por WhatsApp desde el +1 415 555 0100.");
    await expect(page.getByTestId("receipt-local-time")).toHaveText(/^En tu hora: \d+ de \p{L}+ de \d{4}\D+\d+:\d\d (GMT\+5:30|IST)$/u);
    await expect(page.getByText(/^Frecuencia: /).first()).toBeVisible();
  });
});

test("bad input is answered next to the field and keeps what was typed", async ({ page }, testInfo) => {
  await page.goto(FORM);
  await page.getByRole("checkbox", { name: /offers from Acme Coffee/ }).check();
  await page.getByRole("textbox", { name: "Your WhatsApp number" }).fill("12");
  // With JavaScript the form asks its stable address for JSON (no server action, so no build's id) and stays put.
  const answer = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Sign up" }).click();
  const response = await answer;
  expect(new URL(response.url()).pathname).toBe(`${FORM}/submit`);
  expect(response.status()).toBe(422);
  expect(response.request().headers()["next-action"]).toBeUndefined();
  await expect(page.getByText("This phone number is too short.")).toBeVisible();
  await expect(page.locator("form [role=alert]")).toBeFocused();
  expect(new URL(page.url()).pathname).toBe(FORM);
  await expect(page.getByRole("textbox", { name: "Your WhatsApp number" })).toHaveValue("12");
  await expect(page.getByRole("checkbox", { name: /offers from Acme Coffee/ })).toBeChecked();
  await page.screenshot({ path: testInfo.outputPath("error.png"), fullPage: true });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the form still submits and refuses an empty choice", async ({ page }) => {
    await page.goto(FORM);
    await page.getByRole("textbox", { name: "Your WhatsApp number" }).fill("2015550143");
    await page.getByRole("button", { name: "Sign up" }).click();
    await expect(page.getByText("Choose at least one kind of message.")).toBeVisible();
    // Post/redirect/get: back on the form's own address, with the number as typed (it came back in a cookie).
    expect(new URL(page.url()).pathname).toBe(FORM);
    await expect(page.getByRole("textbox", { name: "Your WhatsApp number" })).toHaveValue("2015550143");
    await page.getByRole("checkbox", { name: /product recommendations from Acme Coffee/ }).check();
    await page.getByRole("button", { name: "Sign up" }).click();
    await expect(page.getByRole("heading", { name: "You’re signed up" })).toBeVisible();
    // Without JavaScript the time stands in UTC alone; the number and frequency need none.
    await expect(page.getByText(/\(UTC\), this number agreed/)).toBeVisible();
    await expect(page.getByTestId("receipt-local-time")).toHaveCount(0);
    await expect(page.getByTestId("receipt-business-number")).toHaveText("Messages come from Acme Coffee on WhatsApp at +1 415 555 0100.");
    await expect(page.getByText("How often: Up to 1 a month")).toBeVisible();
  });

  test("a refusal is shown once: a reload says nothing was recorded, without the typed number", async ({ page }) => {
    await page.goto(FORM);
    await page.getByRole("textbox", { name: "Your WhatsApp number" }).fill("12");
    await page.getByRole("checkbox", { name: /offers from Acme Coffee/ }).check();
    await page.getByRole("button", { name: "Sign up" }).click();
    await expect(page.getByText("This phone number is too short.")).toBeVisible();
    await page.reload();
    await expect(page.locator("form [role=alert]")).toHaveText("Your sign-up was not recorded. Please fill in the form again.");
    await expect(page.getByText("This phone number is too short.")).toHaveCount(0);
    await expect(page.getByRole("textbox", { name: "Your WhatsApp number" })).toHaveValue("");
  });
});

test("an unknown form is a plain not-found page", async ({ page }) => {
  const response = await page.goto("/f/demo/no-such-form");
  expect(response?.status()).toBe(404);
});
