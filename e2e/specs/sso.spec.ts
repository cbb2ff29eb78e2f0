import { expect, test, type Browser, type Page } from "@playwright/test";
import { ssoIdentities, testIdp, type SsoIdentity } from "../support/sso-identities";

// The flow is the same at any width; the phone project covers the consumer pages.
test.skip(({ isMobile }) => isMobile, "single sign-on is the same flow at any width");

/** From the app's sign-in page through the provider's login page (any password) and back, in a fresh context. */
async function signInThroughProvider(browser: Browser, identity: SsoIdentity): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByRole("button", { name: `Continue with ${testIdp.name}` }).click();
  await expect(page).toHaveURL((url) => url.origin === testIdp.issuer);
  await page.getByPlaceholder("Enter any login").fill(identity.login);
  await page.getByPlaceholder("and password").fill("anything: the test provider takes any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await expect(page).not.toHaveURL((url) => url.origin === testIdp.issuer);
  return page;
}

test("a staff member signs in through single sign-on, and signing out ends that session", async ({ browser }) => {
  const page = await signInThroughProvider(browser, ssoIdentities.owner);
  await expect(page).toHaveURL(/\/demo$/);
  await expect(page.getByText(ssoIdentities.owner.name)).toBeVisible();
  await expect(page.getByText("Owner", { exact: true })).toBeVisible();

  // Sign-out revokes the staff_sessions row: the same cookie no longer opens the dashboard.
  const cookies = await page.context().cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in\?signedOut=1$/);
  await page.context().addCookies(cookies);
  await page.goto("/demo/contacts");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.context().close();
});

test("an open invitation is accepted by signing in through single sign-on as the invited address", async ({ browser }) => {
  const page = await signInThroughProvider(browser, ssoIdentities.invitee);
  await expect(page).toHaveURL(/\/demo$/);
  await expect(page.getByText(ssoIdentities.invitee.name)).toBeVisible();
  await expect(page.getByText("Compliance", { exact: true })).toBeVisible();
  await page.context().close();
});

const refusals = [
  {
    who: "an address with neither account nor invitation",
    identity: ssoIdentities.stranger,
    message: /no Assent account or open invitation for your email address/,
  },
  { who: "a deactivated account", identity: ssoIdentities.deactivated, message: /your Assent account is deactivated/ },
  { who: "a staff member's address the provider has not verified", identity: ssoIdentities.unverified, message: /did not confirm your email address/ },
];

for (const { who, identity, message } of refusals) {
  test(`single sign-on turns away ${who}, saying why`, async ({ browser }) => {
    const page = await signInThroughProvider(browser, identity);
    await expect(page).toHaveURL(/\/sign-in\?error=/);
    await expect(page.getByRole("alert").filter({ hasText: message })).toBeVisible();
    await page.goto("/demo/contacts");
    await expect(page).toHaveURL(/\/sign-in/);
    await page.context().close();
  });
}
