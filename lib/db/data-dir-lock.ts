import "server-only";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite is one process per data directory: a second process opening the same files corrupts them.
 * A pid file refuses the second opener with a clear message; a stale file left by a killed process is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, "assent.pid");
  try {
    const holder = Number(readFileSync(file, "utf8").trim());
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new Error(
        `The embedded database in ${dataDir} is open in another process (pid ${holder}). ` +
          "Stop that process first, or run on PostgreSQL with DATABASE_URL to share one database between processes.",
      );
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}
