import { expect, test } from "@playwright/test";

test("the health endpoint reports the app and its database as usable", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toBe("no-store");
  expect(await response.json()).toMatchObject({
    status: "ok",
    app: { status: "ok" },
    database: { status: "ok", kind: "pglite" },
  });
});

test("the home page says what Assent is and leads to the demo form", async ({ page }, testInfo) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Get, keep and prove WhatsApp opt-in.");
  await expect(page.getByRole("link", { name: "Try the demo opt-in form" })).toHaveAttribute("href", "/f/demo/join");
  // Nothing may overflow sideways on a 360-px phone.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: testInfo.outputPath("home.png"), fullPage: true });
});

test("pages carry the security headers", async ({ request }) => {
  const response = await request.get("/");
  expect(response.headers()).toMatchObject({
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
  });
  expect(response.headers()["x-powered-by"]).toBeUndefined();
});
