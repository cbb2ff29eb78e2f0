import { expect, test } from "@playwright/test";
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { listAllEvents } from "../../testing/app-http";
import { createProofDatabase, seedProofDatabase, startProofApp, stopProofApps, type ProofDatabase } from "../../testing/proof-harness";
import type { ProofSeed } from "../../testing/proof-seed";
import { e2ePort } from "../support/ports";

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

/**
 * The consent forms: a page rendered by one build and sent to a server running another build of the same commit
 * (as a deploy does while a person is still on the page). Both builds run here: the suite's own `.next` and a
 * second one built into .next/skew (next.config.ts reads ASSENT_DIST_DIR only for this). PGlite allows one
 * process per data directory, so build A serves the page, is stopped, and build B starts on the same port and
 * data directory while the browser keeps the page open; then the person submits.
 */
test.describe
  .serial("a consent form from the previous build", () => {
    test.skip(({ isMobile }) => isMobile, "one run is enough: two builds and four server starts");
    const port = e2ePort(3346);
    const skewDir = ".next/skew";
    let database: ProofDatabase;
    let seed: ProofSeed;

    test.beforeAll(async () => {
      test.setTimeout(1_200_000);
      const tsconfig = readFileSync("tsconfig.json", "utf8");
      try {
        await promisify(execFile)(path.resolve("node_modules/.bin/next"), ["build"], {
          env: { ...process.env, ASSENT_DIST_DIR: skewDir, NEXT_TELEMETRY_DISABLED: "1" },
          maxBuffer: 64 << 20,
        });
      } finally {
        // `next build` may add its dist dir's types to tsconfig.json; this build is the test's, not the project's.
        if (readFileSync("tsconfig.json", "utf8") !== tsconfig) writeFileSync("tsconfig.json", tsconfig);
      }
      expect(readFileSync(`${skewDir}/BUILD_ID`, "utf8")).not.toBe(readFileSync(".next/BUILD_ID", "utf8"));
      database = await createProofDatabase("pglite");
      seed = await seedProofDatabase(database);
    });

    test.afterAll(async () => {
      await stopProofApps();
      await database?.drop();
    });

    for (const javaScript of [false, true]) {
      test(`with JavaScript ${javaScript ? "on" : "off"}: the sign-up is recorded and the receipt shown`, async ({ browser }) => {
        test.setTimeout(300_000);
        const phone = javaScript ? "2015550187" : "2015550186";
        const before = await eventCount(port, database, seed);
        const buildA = await startProofApp(database, port);
        const context = await browser.newContext({ javaScriptEnabled: javaScript });
        const page = await context.newPage();
        await page.goto(`${buildA.base}/f/${seed.workspace}/${seed.form}`);
        await page.getByRole("checkbox").first().check();
        await page.getByRole("textbox", { name: "Your WhatsApp number" }).fill(phone);
        // The page's HTML names no build: a plain form to a stable address.
        const form = page.locator("form[method=post]");
        await expect(form).toHaveAttribute("action", `/f/${seed.workspace}/${seed.form}/submit`);
        expect(await page.locator("input[name^='$ACTION']").count()).toBe(0);
        await buildA.stop();

        const buildB = await startProofApp(database, port, { ASSENT_DIST_DIR: skewDir });
        const posts: { headers: Record<string, string>; status: number }[] = [];
        page.on("response", (r) => {
          if (r.request().method() === "POST") posts.push({ headers: r.request().headers(), status: r.status() });
        });
        await page.getByRole("button", { name: "Sign up" }).click();
        await expect(page.getByRole("heading", { name: "You’re signed up" })).toBeVisible({ timeout: 30_000 });
        await expect(page.getByTestId("receipt-phone")).toHaveText(`+1 ${phone.slice(0, 3)} ${phone.slice(3, 6)} ${phone.slice(6)}`);
        expect(posts).toHaveLength(1);
        expect(posts[0]!.headers["next-action"]).toBeUndefined();
        expect(posts[0]!.status).toBe(javaScript ? 200 : 303);
        await context.close();
        await buildB.stop();
        expect(await eventCount(port, database, seed)).toBe(before + 1);
      });
    }
  });

/** The ledger's events, counted over the API of a server started for the purpose (no other may hold PGlite then). */
async function eventCount(port: number, database: ProofDatabase, seed: ProofSeed): Promise<number> {
  const app = await startProofApp(database, port);
  try {
    return (await listAllEvents(app.base, seed.apiKeys[0]!)).length;
  } finally {
    await app.stop();
  }
}
