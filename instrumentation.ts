/**
 * Runs once when a server process starts: opens the database, applies migrations, seeds the demo workspace on
 * an empty database and prints how to sign in, so the first request does not pay for it and problems show at once.
 */
export async function register() {
  // NEXT_RUNTIME is a compile-time constant Next.js inlines, not configuration: it keeps Node-only code out of
  // the edge bundle. Everything else is read through lib/env.ts.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/server/start");
  await startServer();
}
