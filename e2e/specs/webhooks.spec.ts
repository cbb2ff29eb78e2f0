import { expect, test } from "@playwright/test";
import { e2eAccounts, e2eWebhookContactPhone } from "../support/accounts";
import { signIn } from "../support/sign-in";
import { startWebhookReceiver } from "../../testing/webhook-receiver";
import { verifySignature } from "../../lib/webhooks/signature";

test.skip(({ isMobile }) => isMobile, "the dashboard is for laptops and tablets");

test("an opt-out taken by staff reaches the business's endpoint, signed, after it failed once", async ({ browser }) => {
  const receiver = await startWebhookReceiver();
  try {
    const page = await signIn(browser, e2eAccounts.owner);
    await page.goto("/demo/settings/webhooks");
    await page.getByLabel("URL").fill(receiver.url);
    await page.getByLabel("Description (optional)").fill("CRM (e2e)");
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const secret = await page.getByLabel("Signing secret").inputValue();
    expect(secret).toMatch(/^whsec_/);

    // The receiver is down for the first attempt; the retry 5 seconds later succeeds.
    receiver.answerWith(503);
    const phone = e2eWebhookContactPhone;
    await page.goto("/demo/contacts");
    await page.getByRole("searchbox", { name: "Search" }).fill(phone);
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByRole("link", { name: phone }).click();
    await page.getByRole("radio", { name: "Opt out" }).check();
    await page.getByRole("checkbox", { name: "Offers" }).check();
    await page.getByLabel("How they asked").selectOption("in_person");
    await page.getByLabel("Note").fill("Asked at the counter to stop offers.");
    await page.getByRole("button", { name: "Record request" }).click();
    await expect(page.getByText("Recorded the opt-out for 1 category.")).toBeVisible();

    await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBe(2);
    const delivered = receiver.received[1]!;
    expect(verifySignature({ secret, headers: delivered.headers as Record<string, string>, body: delivered.body })).toBe(true);
    expect(JSON.parse(delivered.body)).toMatchObject({ type: "consent.opt_out", data: { phone, channel: "staff" } });

    await page.goto("/demo/opt-outs");
    await expect(page.getByRole("row", { name: new RegExp(phone.replace("+", "\\+")) }).getByText(/^Told in /)).toBeVisible();

    await page.goto("/demo/settings/webhooks");
    await page.getByRole("link", { name: receiver.url }).click();
    await expect(page.getByText(/Delivered .* UTC/).first()).toBeVisible();
    await page.getByText("Attempts (2)").click();
    await expect(page.getByRole("cell", { name: "503", exact: true })).toBeVisible();
  } finally {
    await receiver.close();
  }
});
