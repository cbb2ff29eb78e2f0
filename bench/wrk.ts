import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * wrk (Debian's `wrk`), a load generator written in C: it costs the two cores far less per request than Node's
 * fetch, so a floor measured with it is the server's and not the client's. Optional: without it the bench keeps its
 * fetch-based figures only.
 */
export function wrkAvailable(): boolean {
  return spawnSync("wrk", ["--version"], { stdio: "ignore" }).error === undefined;
}

export type WrkRequest = { path: string; headers?: Record<string, string> };

/**
 * Requests per second over `seconds`, cycling through `requests` (each connection in turn), on `connections`
 * connections and 2 threads. Throws if any answer was not 2xx: a rate of refusals is no figure.
 */
export function wrkRate(base: string, requests: WrkRequest[], options: { connections: number; seconds: number }): number {
  const dir = mkdtempSync(path.join(tmpdir(), "assent-wrk-"));
  try {
    const script = path.join(dir, "requests.lua");
    const lua = (s: string) => JSON.stringify(s);
    const items = requests.map(
      (r) =>
        `{${lua(r.path)}, {${Object.entries(r.headers ?? {})
          .map(([k, v]) => `[${lua(k)}] = ${lua(v)}`)
          .join(", ")}}}`,
    );
    writeFileSync(
      script,
      `local requests = {${items.join(",\n")}}
local i = 0
request = function()
  i = i % #requests + 1
  return wrk.format("GET", requests[i][1], requests[i][2])
end
`,
    );
    const run = spawnSync("wrk", ["-t2", `-c${options.connections}`, `-d${options.seconds}s`, "-s", script, base], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`wrk failed: ${run.stderr}`);
    const refused = /Non-2xx or 3xx responses: (\d+)/.exec(run.stdout);
    if (refused) throw new Error(`wrk: ${refused[1]} answers were not 2xx`);
    const rate = /Requests\/sec:\s+([\d.]+)/.exec(run.stdout);
    if (!rate) throw new Error(`wrk printed no rate:\n${run.stdout}`);
    return Number(rate[1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
