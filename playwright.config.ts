import { defineConfig, devices } from "@playwright/test";
import { systemChromium } from "./e2e/chromium";

const PORT = 3107;


export default defineConfig({
  testDir: "./e2e",
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
  webServer: {
    // A production build on a fresh embedded database, as the README's first command runs it, seeded first
    // with known sign-ins and 100,000 contacts (the dashboard must stay usable at that size).
    command: `rm -rf .e2e-data && npx next build && npx tsx --conditions=react-server e2e/seed-database.ts && npx next start -p ${PORT}`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    env: { DATA_DIR: ".e2e-data", APP_URL: `http://127.0.0.1:${PORT}` },
    timeout: 900_000,
    reuseExistingServer: false,
    stdout: "pipe",
  },
});
