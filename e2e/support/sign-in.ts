import { type Browser, type BrowserContextOptions, expect, type Page } from "@playwright/test";

/**
 * Signs in through the real form, in a fresh browser context, and lands on the user's workspace. A browser the
 * spec launched itself needs `options.baseURL` (the test fixture's browser sets it for its contexts).
 */
export async function signIn(
  browser: Browser,
  account: { email: string; password: string },
  viewport = { width: 1280, height: 800 },
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await browser.newContext({ ...options, viewport, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Staff land on their workspace's home, the quality overview.
  // (Not the /dashboard it passes through on the way.)
  await expect(page).toHaveURL(/\/(?!dashboard$|sign-in$)[\w-]+$/, { timeout: 15_000 });
  return page;
}
