import "server-only";
import { appDatabase } from "../db/app-db";
import { env, isBuildPhase } from "../env";
import { loadSecrets } from "../secrets";

export function publicBaseUrl(): string {
  const { APP_URL, PORT } = env();
  return (APP_URL ?? `http://localhost:${PORT}`).replace(/\/$/, "");
}

export async function startServer(): Promise<void> {
  if (isBuildPhase()) return;
  env(); // Fail fast, naming the variable, on bad configuration.
  loadSecrets();
  const { handle, demo } = await appDatabase();
  const base = publicBaseUrl();
  const where = handle.kind === "pglite" ? `embedded PGlite in ${env().DATA_DIR}` : "PostgreSQL (DATABASE_URL)";
  const lines = [`Assent is running at ${base} on ${where}.`];
  if (demo) {
    lines.push(
      "",
      "A demo workspace for \"Acme Coffee\" was created. This sign-in is shown only this once:",
      `  email:    ${demo.ownerEmail}`,
      `  password: ${demo.ownerPassword}`,
      `  opt-in form: ${base}${demo.formPath}`,
      "",
    );
  }
  console.log(lines.join("\n"));
}
