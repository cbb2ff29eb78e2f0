import "server-only";
import { databaseTargetFromEnv } from "../db/app-db";
import { appDatabase } from "./app-database";
import { hasAnyUser } from "../setup/first-run";
import { env, isBuildPhase } from "../env";
import { publicBaseUrl } from "./urls";
import { loadSecrets } from "../secrets";
import { startAppWebhookWorker } from "../webhooks/app-worker";
import { startAppQualityWorker } from "../quality/app-worker";
import { startAppRateLimitPruner } from "../rate-limit/app-worker";
import { startAppCheckpointScheduler } from "../ledger/app-worker";
import { registerFramePolicy } from "../forms/frame-policy";

export async function startServer(): Promise<void> {
  if (isBuildPhase()) return;
  env(); // Fail fast, naming the variable, on bad configuration.
  registerFramePolicy();
  loadSecrets();
  await openDatabaseAndStart(0);
}

/** How long to wait before trying an unavailable PostgreSQL again at start: 1 s, 2 s, 4 s, … up to a minute. */
function startRetryDelayMs(failures: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.min(failures, 6));
}

async function openDatabaseAndStart(failures: number): Promise<void> {
  const base = publicBaseUrl();
  let started;
  try {
    started = await appDatabase();
  } catch (error) {
    // The embedded database failing to open (its directory held by another process, say) will not mend itself.
    if (databaseTargetFromEnv().kind === "pglite") throw error;
    // Keep serving: /api/health answers 503 and each request retries. Keep trying here too, so the background
    // work (webhook deliveries) starts when the database comes back even if no request arrives.
    if (failures === 0) console.error(`Assent is running at ${base}, but its database is unavailable: ${(error as Error).message}`);
    setTimeout(() => void openDatabaseAndStart(failures + 1).catch((e) => console.error("Assent start:", e)), startRetryDelayMs(failures)).unref();
    return;
  }
  const { handle, demo } = started;
  startAppWebhookWorker(handle.db);
  startAppQualityWorker(handle.db);
  startAppRateLimitPruner(handle.db);
  startAppCheckpointScheduler(handle.db);
  const where = handle.kind === "pglite" ? `embedded PGlite in ${env().DATA_DIR}` : "PostgreSQL (DATABASE_URL)";
  const lines = [`Assent is running at ${base} on ${where}.`];
  if (failures > 0) lines.push(`(The database became available after ${failures} failed attempt${failures === 1 ? "" : "s"}.)`);
  if (demo) {
    lines.push(
      "",
      `A demo workspace for "Acme Coffee" was created${demo.history ? ` with ${demo.history.contacts.toLocaleString("en")} contacts and 90 days of history` : ""}. This sign-in is shown only this once:`,
      `  email:    ${demo.ownerEmail}`,
      `  password: ${demo.ownerPassword}`,
      `  sign in:  ${base}/sign-in`,
      `  opt-in form: ${base}${demo.formPath}`,
      "",
    );
  }
  if (!demo && !(await hasAnyUser(handle.db))) lines.push(`No account exists yet: open ${base}/setup to create the first workspace and its owner.`);
  console.log(lines.join("\n"));
}
