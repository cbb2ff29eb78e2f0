import { expect, test, type Page } from "@playwright/test";
import { e2eAccounts, e2eContactPhone } from "../support/accounts";
import { signIn } from "../support/sign-in";

/**
 * A second business from the dashboard (issue 21 item 7), and staff pages at phone width (item 6): an owner
 * creates a workspace from the switcher, lands on its empty overview, switches back and forth, and the new one
 * shows nothing of the first one's data.
 */
test.skip(({ isMobile }) => isMobile, "each test sets its own viewport; the phone width is checked below at 360 px");

const owner = e2eAccounts.owner;

async function openSwitcher(page: Page) {
  await page.locator("summary").filter({ hasText: "Switch workspace" }).click();
}

test("an owner creates a second workspace, switches back and forth, and sees none of the first one's data", async ({ browser }) => {
  const page = await signIn(browser, owner);
  await expect(page).toHaveURL(/\/demo$/);
  await openSwitcher(page);
  await page.getByRole("link", { name: "Create a workspace" }).click();
  await expect(page).toHaveURL("/demo/new-workspace");
  await expect(page.getByRole("heading", { name: "New workspace", level: 1 })).toBeVisible();

  // Bad input: each field says what is wrong, and nothing is created.
  await page.getByLabel("Short name").fill("Not OK!");
  await page.getByRole("button", { name: "Create the workspace" }).click();
  await expect(page.getByText("Enter the business name people know you by.")).toBeVisible();
  await expect(page.getByText(/Use 1–40 lower-case letters, digits and dashes/)).toBeVisible();
  await expect(page).toHaveURL("/demo/new-workspace");

  // A short name another workspace has: refused by the server, next to the field, with what was typed kept.
  await page.getByLabel("Business name").fill("Zephyr Bakery");
  await page.getByLabel("Short name").fill("demo");
  await page.getByRole("button", { name: "Create the workspace" }).click();
  await expect(page.getByText(/"demo" is already taken by another workspace/)).toBeVisible();
  await expect(page.getByLabel("Business name")).toHaveValue("Zephyr Bakery");

  const slug = `zephyr-${Date.now().toString(36)}`;
  await page.getByLabel("Short name").fill(slug);
  await page.getByRole("button", { name: "Create the workspace" }).click();
  await expect(page).toHaveURL(`/${slug}`);
  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Nothing collected yet: first steps" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Message categories" })).toBeVisible();

  // Tenant isolation: the demo's contacts, forms and audit entries are not here.
  await page.goto(`/${slug}/contacts?q=${encodeURIComponent(e2eContactPhone)}`);
  await expect(page.getByRole("link", { name: e2eContactPhone })).toHaveCount(0);
  await expect(page.getByText("No contacts match these filters.")).toBeVisible();
  await page.goto(`/${slug}/contacts`);
  await expect(page.getByText("No contacts yet.")).toBeVisible();
  await page.goto(`/${slug}/forms`);
  await expect(page.locator(`a[href^="/${slug}/forms/"]`)).toHaveCount(0);
  await expect(page.locator('a[href^="/demo/"]')).toHaveCount(0);
  await page.goto(`/${slug}/audit`);
  const entries = page.getByRole("list", { name: "Staff actions, newest first" }).getByRole("listitem");
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText("Created this workspace, “Zephyr Bakery”, from the workspace demo");

  // Back to the demo through the switcher: its data is all there; and over again to the new one.
  await openSwitcher(page);
  await page.getByRole("link", { name: /Acme Coffee/ }).click();
  await expect(page).toHaveURL("/demo");
  await expect(page.getByRole("heading", { name: "Nothing collected yet: first steps" })).toHaveCount(0);
  await page.goto(`/demo/contacts?q=${encodeURIComponent(e2eContactPhone)}`);
  await expect(page.getByRole("link", { name: e2eContactPhone })).toBeVisible();
  await openSwitcher(page);
  await page.getByRole("link", { name: /Zephyr Bakery/ }).click();
  await expect(page).toHaveURL(`/${slug}`);
  await expect(page.getByRole("heading", { name: "Nothing collected yet: first steps" })).toBeVisible();
  await page.context().close();
});

test("a marketer is not offered a new workspace and is refused the page", async ({ browser }) => {
  const page = await signIn(browser, e2eAccounts.marketer);
  await expect(page.getByText("Switch workspace")).toHaveCount(0);
  const response = await page.goto("/demo/new-workspace");
  expect(response?.status()).toBe(403);
  await page.context().close();
});

test("at 360 px the staff pages fit the screen: nothing scrolls the page sideways", async ({ browser }) => {
  const desktop = await signIn(browser, owner);
  await desktop.goto("/demo/forms");
  const formPaths = await desktop.locator('a[href^="/demo/forms/"]').evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const builder = formPaths.find((href) => /^\/demo\/forms\/[0-9a-f-]{36}$/.test(href));
  expect(builder).toBeDefined();
  await desktop.context().close();

  const page = await signIn(browser, owner, { width: 360, height: 740 });
  for (const path of [builder!, `${builder}/versions`, "/demo/contacts", "/demo/audit", "/demo/new-workspace"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, path).toBeLessThanOrEqual(360);
  }
  await page.context().close();
});
