import { expect, test } from "@playwright/test";

// A page opened under one build and submitted to another sends a server-action id the new server does not know.
// Rewriting the id on the way out makes this server answer exactly as a newer build would (409 with
// x-nextjs-action-not-found), without building twice.
const unknownActionId = "ff".repeat(21);

test("a sign-in form from an earlier deploy says the page was updated and to reload, not a framework error", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("someone@example.com");
  await page.getByLabel("Password").fill("not the password");
  let rewritten = 0;
  await page.route("**/sign-in**", async (route) => {
    const request = route.request();
    if (request.method() !== "POST" || !request.headers()["next-action"]) return route.continue();
    rewritten++;
    await route.continue({ headers: { ...request.headers(), "next-action": unknownActionId } });
  });
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "This page was updated" })).toBeVisible();
  await expect(page.getByText("nothing was saved")).toBeVisible();
  expect(rewritten).toBe(1);

  await page.unroute("**/sign-in**");
  await page.getByRole("button", { name: "Reload the page" }).click();
  await expect(page.getByRole("heading", { name: /sign in/i })).toBeVisible();
});
