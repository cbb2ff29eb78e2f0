import { test } from "@playwright/test";
import { createProofDatabase, stopProofApps, type ProofDatabase } from "../../testing/proof-harness";

/**
 * Sets up a proof suite file (crash, races): desktop project only, since no page is involved; after each test,
 * even one that timed out, its app processes are stopped and its database dropped.
 */
export function proofSuite() {
  test.skip(({ isMobile }) => isMobile, "no page: one run is enough");
  let database: ProofDatabase | null = null;
  test.afterEach(async () => {
    await stopProofApps();
    await database?.drop();
    database = null;
  });
  return {
    async freshDatabase(kind: ProofDatabase["kind"]): Promise<ProofDatabase> {
      database = await createProofDatabase(kind);
      return database;
    },
  };
}
