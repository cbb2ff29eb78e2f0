import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";

/**
 * A production server (`npm start`: dist/server.mjs, both lanes) as a separate process, the way users run the app: for the bench and for the proof
 * suites (crash, races, scale-out), which need several instances, restarts and a real SIGKILL.
 */
export type AppProcess = {
  base: string;
  pid: number;
  /** What the server wrote to stderr (its last 2,000 lines): errors it logged rather than answered with. */
  log(): string;
  /** SIGTERM to the whole process tree, and wait for it to end. */
  stop(): Promise<void>;
  /** SIGKILL to the whole process tree at once (anything the server started dies with it). */
  kill(): Promise<void>;
};

export type AppProcessOptions = {
  port: number;
  /** PostgreSQL; without it the app runs on PGlite in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  authSecret: string;
  env?: Record<string, string>;
};

export async function startAppProcess(options: AppProcessOptions): Promise<AppProcess> {
  if (!existsSync(".next/BUILD_ID") || !existsSync("dist/server.mjs")) throw new Error("No production build: run `npm run build` first.");
  // Another server still on the port would answer the health check below in this one's place.
  const stray = await fetch(`http://127.0.0.1:${options.port}/api/health`).then(
    () => true,
    () => false,
  );
  if (stray) throw new Error(`Port ${options.port} is already in use.`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    AUTH_SECRET: options.authSecret,
    ASSENT_NO_DEMO: "1",
    DATA_DIR: options.dataDir,
    APP_URL: `http://127.0.0.1:${options.port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    ...options.env,
  };
  delete env.DATABASE_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  // Its own process group, so one signal to -pid reaches the server and anything it started.
  const child: ChildProcess = spawn(process.execPath, [...profileArgs(), "--enable-source-maps", "dist/server.mjs", "-p", String(options.port)], {
    env,
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
  });
  const lines: string[] = [];
  child.stderr!.on("data", (chunk: Buffer) => {
    lines.push(...chunk.toString().split("\n").filter(Boolean));
    if (lines.length > 2000) lines.splice(0, lines.length - 2000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signalTree = async (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
    await exited;
    // The group's other members may outlive the leader by a moment; wait until none is left.
    for (let i = 0; i < 100; i++) {
      try {
        process.kill(-child.pid!, 0);
      } catch {
        return;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const base = `http://127.0.0.1:${options.port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || i >= 240) {
      await signalTree("SIGKILL");
      throw new Error(`the server did not come up (exit ${child.exitCode}):\n${lines.slice(-20).join("\n")}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    base,
    pid: child.pid!,
    log: () => lines.join("\n"),
    stop: () => signalTree("SIGTERM"),
    kill: () => signalTree("SIGKILL"),
  };
}

/** ASSENT_CPU_PROF_DIR=dir: each server writes a V8 CPU profile there when it stops (for `npm run bench`). */
function profileArgs(): string[] {
  const dir = process.env.ASSENT_CPU_PROF_DIR;
  return dir ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : [];
}
