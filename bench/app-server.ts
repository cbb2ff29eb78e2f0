import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startAppProcess } from "../testing/app-process";

/** A production `next start` on a given database, as a separate process, the way users run the app. */
export type BenchServer = { base: string; pid: number; stop(): Promise<void>; /** The server's stderr (its last lines). */ log(): string };

/** Ports of the bench (3340-3349): the dashboard's server, the API and form server, the bare baseline. */
export const benchPorts = { dashboard: 3341, app: 3342, bare: 3343 } as const;

export const BENCH_AUTH_SECRET = "bench-only-secret-0123456789abcdefghijklmnop";

/** PostgreSQL by URL, or the embedded PGlite in a data directory (which the server then holds alone). */
export type BenchDatabase = { databaseUrl: string } | { dataDir: string };

export async function startBenchServer(database: BenchDatabase | string, port: number): Promise<BenchServer> {
  const target = typeof database === "string" ? { databaseUrl: database } : database;
  const app = await startAppProcess({
    port,
    ...("databaseUrl" in target
      ? { databaseUrl: target.databaseUrl, dataDir: mkdtempSync(path.join(tmpdir(), "assent-bench-")) }
      : { dataDir: target.dataDir }),
    authSecret: BENCH_AUTH_SECRET,
  });
  return { base: app.base, pid: app.pid, stop: app.stop, log: app.log };
}

/** Resident memory of a process and all its descendants (Next may run its server in a child), in MiB. */
export function treeRssMiB(root: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  let kib = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      kib += Number(match?.[1] ?? 0);
    } catch {
      // gone
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return kib / 1024;
}
