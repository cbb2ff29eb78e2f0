import { readdirSync, readFileSync } from "node:fs";

// The server itself is test support (testing/app-server.ts): the attack suites start the same one.
export { BENCH_AUTH_SECRET, startBenchServer, type BenchServer } from "../testing/app-server";

/** Ports of the bench (3340-3349): the dashboard's server, the API and form server, the bare baseline. */
export const benchPorts = { dashboard: 3341, app: 3342, bare: 3343 } as const;

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
