import "server-only";
import { appDatabase, databaseTargetFromEnv } from "../db/app-db";
import { hasAnyUser } from "../setup/first-run";
import { env, isBuildPhase } from "../env";
import { loadSecrets } from "../secrets";
import { startAppWebhookWorker } from "../webhooks/app-worker";
import { startAppQualityWorker } from "../quality/app-worker";
import { registerFramePolicy } from "../forms/frame-policy";

export function publicBaseUrl(): string {
  const { APP_URL, PORT } = env();
  return (APP_URL ?? `http://localhost:${PORT}`).replace(/\/$/, "");
}

export async function startServer(): Promise<void> {
  if (isBuildPhase()) return;
  env(); // Fail fast, naming the variable, on bad configuration.
  registerFramePolicy();
  loadSecrets();
  const base = publicBaseUrl();
  let started;
  try {
    started = await appDatabase();
  } catch (error) {
    // The embedded database failing to open (its directory held by another process, say) will not mend itself.
    if (databaseTargetFromEnv().kind === "pglite") throw error;
    // Keep serving: /api/health answers 503 and each request retries, so the app recovers when the database does.
    console.error(`Assent is running at ${base}, but its database is unavailable: ${(error as Error).message}`);
    return;
  }
  const { handle, demo } = started;
  startAppWebhookWorker(handle.db);
  startAppQualityWorker(handle.db);
  const where = handle.kind === "pglite" ? `embedded PGlite in ${env().DATA_DIR}` : "PostgreSQL (DATABASE_URL)";
  const lines = [`Assent is running at ${base} on ${where}.`];
  if (demo) {
    lines.push(
      "",
      "A demo workspace for \"Acme Coffee\" was created. This sign-in is shown only this once:",
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
