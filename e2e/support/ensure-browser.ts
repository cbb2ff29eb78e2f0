import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";
import { systemChromium } from "./chromium";

// Runs before the browser tests so `npm test` works on a fresh machine: it uses Debian's Chromium when
// present, and otherwise downloads Playwright's own once.
if (systemChromium) {
  console.log(`Browser tests use ${systemChromium}.`);
} else if (existsSync(chromium.executablePath())) {
  console.log(`Browser tests use Playwright's Chromium at ${chromium.executablePath()}.`);
} else {
  console.log("No Chromium found: installing Playwright's Chromium (needs internet access)…");
  execFileSync("npx", ["playwright", "install", "chromium"], { stdio: "inherit" });
}
