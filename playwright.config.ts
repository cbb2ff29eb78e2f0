import { defineConfig, devices } from "@playwright/test";
import { systemChromium } from "./e2e/support/chromium";
import { e2ePort } from "./e2e/support/ports";
import { testIdp } from "./e2e/support/sso-identities";

const PORT = e2ePort(3107);

export default defineConfig({
  testDir: "./e2e/specs",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: systemChromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 } } },
    { name: "phone", use: { ...devices["Pixel 5"], viewport: { width: 360, height: 740 } } },
  ],
  webServer: [
    {
      // The stand-in OpenID Connect provider of sso.spec.ts. The app asks it for discovery only at a sign-in.
      command: "npx tsx e2e/support/oidc-provider.ts",
      url: `${testIdp.issuer}/.well-known/openid-configuration`,
      env: { TEST_IDP_REDIRECT_URI: `http://127.0.0.1:${PORT}/api/auth/callback/oidc` },
      timeout: 60_000,
      reuseExistingServer: false,
    },
    {
      // A production build on a fresh embedded database, as the README's first command runs it, seeded first
      // with known sign-ins and 100,000 contacts (the dashboard must stay usable at that size).
      command: `rm -rf .e2e-data && npm run build && npx tsx --conditions=react-server e2e/seed/database.ts && node dist/server.mjs -p ${PORT}`,
      url: `http://127.0.0.1:${PORT}/api/health`,
      env: {
        DATA_DIR: ".e2e-data",
        APP_URL: `http://127.0.0.1:${PORT}`,
        // The webhook spec's receiver listens on this machine; production refuses private addresses by default.
        WEBHOOKS_ALLOW_PRIVATE_NETWORKS: "1",
        OIDC_ISSUER: testIdp.issuer,
        OIDC_CLIENT_ID: testIdp.clientId,
        OIDC_CLIENT_SECRET: testIdp.clientSecret,
        OIDC_NAME: testIdp.name,
      },
      timeout: 900_000,
      reuseExistingServer: false,
      stdout: "pipe",
    },
  ],
});
