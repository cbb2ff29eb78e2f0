/**
 * Assent's server: `npm start` (and `npm run demo`) runs this, built by scripts/build-server.mjs. One process and
 * one port, two lanes (lib/server/lanes/listener.ts): the API, the webhooks and the health check on a lean router,
 * every page on Next.js. Options as `next start` takes them: -p/--port (or PORT), -H/--hostname; --dev for
 * development (hot reload of pages; the lean lane needs a restart).
 */
import { createServer } from "node:http";

const args = process.argv.slice(2);
const option = (...names: string[]) => {
  const at = args.findIndex((a) => names.includes(a));
  return at === -1 ? undefined : args[at + 1];
};
const dev = args.includes("--dev");
// Set before Next.js and the app read it, as `next start` and `next dev` do.
(process.env as Record<string, string>).NODE_ENV ??= dev ? "development" : "production";

async function main(): Promise<void> {
  const { default: next } = await import("next");
  const { env } = await import("./lib/env");
  const { assentListener } = await import("./lib/server/lanes/listener");
  const port = Number(option("-p", "--port") ?? env().PORT);
  const hostname = option("-H", "--hostname");
  // The embedded database is opened here first: if another process holds it, that will not mend itself, so the
  // server stops with the reason rather than serving pages whose start-up failed. (PostgreSQL being down is not
  // fatal: lib/server/start.ts keeps retrying and /api/health answers 503 meanwhile.)
  const { databaseTargetFromEnv } = await import("./lib/db/app-db");
  if (databaseTargetFromEnv().kind === "pglite") {
    const { appDatabase } = await import("./lib/server/app-database");
    await appDatabase();
  }
  const app = next({ dev, dir: process.cwd(), port, hostname: hostname ?? "localhost" });
  // Runs instrumentation.ts: the database opens, migrations and the demo seed run, the workers start.
  await app.prepare();
  const server = createServer(assentListener(app.getRequestHandler()));
  server.listen(port, hostname, () => console.log(`Assent listening on http://${hostname ?? "localhost"}:${port} (${dev ? "development" : "production"})`));
  const stop = () => server.close(() => process.exit(0));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((error) => {
  console.error(`Assent could not start: ${(error as Error).message}`);
  process.exit(1);
});
