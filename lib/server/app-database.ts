import "server-only";
import { openAppDatabase } from "../db/app-db";
import type { DatabaseHandle, Db } from "../db/client";
import { demoEnabled, isBuildPhase } from "../env";
import { seedDemoIfEmpty, type DemoSeedResult } from "../seed/demo";
import { publicBaseUrl } from "./urls";

// The server process's own database, opened and (with demo data on) seeded at first use. It lives here, in
// start-up, rather than in lib/db, so that the database layer never depends on the demo seed.
type AppDatabase = { handle: DatabaseHandle; demo: DemoSeedResult | null };

// One database per server process, kept on globalThis: Next.js may load this module in several bundles
// (instrumentation, route handlers), and PGlite must be opened exactly once.
const globalKey = Symbol.for("assent.app-database");
const holder = globalThis as unknown as { [globalKey]?: Promise<AppDatabase> };

export function appDatabase(): Promise<AppDatabase> {
  if (isBuildPhase()) throw new Error("The database is not available while the app is being built.");
  holder[globalKey] ??= (async () => {
    const handle = await openAppDatabase();
    const demo = demoEnabled() ? await seedDemoIfEmpty(handle.db, { baseUrl: publicBaseUrl() }) : null;
    return { handle, demo };
  })();
  // A failed start (database down) must not poison every later request: forget it so the next one retries.
  holder[globalKey].catch(() => {
    holder[globalKey] = undefined;
  });
  return holder[globalKey];
}

export async function getDb(): Promise<Db> {
  return (await appDatabase()).handle.db;
}
