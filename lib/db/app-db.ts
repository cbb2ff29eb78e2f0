import "server-only";
import path from "node:path";
import { demoEnabled, env, isBuildPhase } from "../env";
import { seedDemoIfEmpty, type DemoSeedResult } from "../seed/demo";
import { openDatabase, type DatabaseHandle, type DatabaseTarget, type Db } from "./client";
import { migrateDatabase } from "./migrate";

export function databaseTargetFromEnv(): DatabaseTarget {
  const { DATABASE_URL, DATA_DIR, DATABASE_PREPARED_STATEMENTS } = env();
  return DATABASE_URL ? { kind: "postgres", url: DATABASE_URL, preparedStatements: DATABASE_PREPARED_STATEMENTS === "on" } : { kind: "pglite", dataDir: path.resolve(DATA_DIR) };
}

/** Opens the configured database and brings its schema up to date (the CLI and the bench use this). */
export async function openAppDatabase(): Promise<DatabaseHandle> {
  const handle = await openDatabase(databaseTargetFromEnv());
  try {
    await migrateDatabase(handle);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

type AppDatabase = { handle: DatabaseHandle; demo: DemoSeedResult | null };

// One database per server process, kept on globalThis: Next.js may load this module in several bundles
// (instrumentation, route handlers), and PGlite must be opened exactly once.
const globalKey = Symbol.for("assent.app-database");
const holder = globalThis as unknown as { [globalKey]?: Promise<AppDatabase> };

export function appDatabase(): Promise<AppDatabase> {
  if (isBuildPhase()) throw new Error("The database is not available while the app is being built.");
  holder[globalKey] ??= (async () => {
    const handle = await openAppDatabase();
    const demo = demoEnabled() ? await seedDemoIfEmpty(handle.db) : null;
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
