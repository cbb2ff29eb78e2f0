import { openDatabase, type DatabaseHandle, type DatabaseKind } from "../lib/db/client";
import { migrateDatabase } from "../lib/db/migrate";
import { env } from "../lib/env";
import { createPostgresDatabase } from "./postgres-databases";

export type TestDatabase = DatabaseHandle & { drop(): Promise<void> /** PostgreSQL only: where another process can reach it. */; url?: string };

/**
 * The databases every ledger suite runs against: PGlite always, PostgreSQL too when TEST_DATABASE_URL is
 * set. Each call makes a fresh, migrated database; drop() removes it.
 */
export function testDatabaseKinds(): DatabaseKind[] {
  return env().TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

export async function createTestDatabase(kind: DatabaseKind, options: { maxConnections?: number } = {}): Promise<TestDatabase> {
  if (kind === "pglite") {
    const handle = await openDatabase({ kind: "pglite", dataDir: null });
    await migrateDatabase(handle);
    return { ...handle, drop: () => handle.close() };
  }
  const adminUrl = env().TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  const created = await createPostgresDatabase(adminUrl);
  const handle = await openDatabase({ kind: "postgres", url: created.url, maxConnections: options.maxConnections });
  await migrateDatabase(handle);
  return {
    ...handle,
    url: created.url,
    async drop() {
      await handle.close();
      await created.drop();
    },
  };
}
