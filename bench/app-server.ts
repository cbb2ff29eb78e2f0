import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** A production `next start` on a given database, as a separate process, the way users run the app. */
export type BenchServer = { base: string; pid: number; stop(): Promise<void> };

/** Ports of the bench (3340-3349): the dashboard's server, the API and form server, the bare baseline. */
export const benchPorts = { dashboard: 3341, app: 3342, bare: 3343 } as const;

export const BENCH_AUTH_SECRET = "bench-only-secret-0123456789abcdefghijklmnop";

/** PostgreSQL by URL, or the embedded PGlite in a data directory (which the server then holds alone). */
export type BenchDatabase = { databaseUrl: string } | { dataDir: string };

export async function startBenchServer(database: BenchDatabase | string, port: number): Promise<BenchServer> {
  if (!existsSync(".next/BUILD_ID")) throw new Error("No production build: the bench runs `next build` first.");
  const target = typeof database === "string" ? { databaseUrl: database } : database;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    AUTH_SECRET: BENCH_AUTH_SECRET,
    ASSENT_NO_DEMO: "1",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  if ("databaseUrl" in target) {
    env.DATABASE_URL = target.databaseUrl;
    env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "assent-bench-"));
  } else {
    delete env.DATABASE_URL;
    env.DATA_DIR = target.dataDir;
  }
  const child: ChildProcess = spawn(path.resolve("node_modules/.bin/next"), ["start", "-p", String(port)], { env, stdio: ["ignore", "ignore", "inherit"] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    base,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
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
