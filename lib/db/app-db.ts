import "server-only";
import path from "node:path";
import { env } from "../env";
import { openDatabase, type DatabaseHandle, type DatabaseTarget } from "./client";
import { migrateDatabase } from "./migrate";

export function databaseTargetFromEnv(): DatabaseTarget {
  const { DATABASE_URL, DATA_DIR, DATABASE_PREPARED_STATEMENTS } = env();
  return DATABASE_URL
    ? { kind: "postgres", url: DATABASE_URL, preparedStatements: DATABASE_PREPARED_STATEMENTS === "on" }
    : { kind: "pglite", dataDir: path.resolve(DATA_DIR) };
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
