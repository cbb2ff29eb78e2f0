import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import type { Figure } from "./figures";

export type Machine = { at: string; cpu: string; cores: number; node: string; load: number[] };

/** The machine and how busy it is (1, 5 and 15 minute load averages): ratios on a loaded machine still hold. */
export function machineNow(): Machine {
  return {
    at: new Date().toISOString(),
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    node: process.version,
    load: loadavg().map((x) => Number(x.toFixed(2))),
  };
}

export type BenchResults = { machine: Machine & { loadAfter: number[] }; quick: boolean; notes: string[]; figures: Figure[] };

/** bench/results/latest.json and a copy named by the run's start time (the folder is git-ignored). */
export function writeResults(results: BenchResults, dir = "bench/results"): string[] {
  mkdirSync(dir, { recursive: true });
  const json = JSON.stringify(results, null, 2);
  const stamped = path.join(dir, `${results.machine.at.replace(/[:.]/g, "-")}.json`);
  const latest = path.join(dir, "latest.json");
  writeFileSync(stamped, json);
  writeFileSync(latest, json);
  return [latest, stamped];
}
