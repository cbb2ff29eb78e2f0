import { readdirSync, readFileSync } from "node:fs";

/**
 * CPU time spent by each side of a measured run: the load generator (this process), the app server (its process
 * tree) and the PostgreSQL backends serving the bench's database. On two shared cores the three compete, so a
 * request's throughput follows the CPU all three spend on it, not the server's alone; this says which side costs
 * what (Linux only: it reads /proc, and reports nothing elsewhere).
 */
export type CpuSides = { client: number; server: number; database: number };

const clockTicks = 100; // USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK)

function processes(): { pid: number; ppid: number; ms: number; cmd: string }[] {
  const rows = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const cmd = readFileSync(`/proc/${entry}/cmdline`, "utf8").replace(/\0/g, " ");
      rows.push({ pid: Number(entry), ppid: Number(f[1]), ms: ((Number(f[11]) + Number(f[12])) * 1000) / clockTicks, cmd });
    } catch {
      // the process ended while we looked
    }
  }
  return rows;
}

/** CPU milliseconds so far of each side; `databaseName` picks the backends (their title names the database). */
export function cpuSnapshot(serverPid: number, databaseName: string | null): CpuSides | null {
  let all;
  try {
    all = processes();
  } catch {
    return null;
  }
  const children = new Map<number, number[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
  const byPid = new Map(all.map((p) => [p.pid, p]));
  let server = 0;
  const stack = [serverPid];
  while (stack.length) {
    const pid = stack.pop()!;
    server += byPid.get(pid)?.ms ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  // Backends are titled "postgres: [<cluster>: ]<user> <database> <client> <state>"; they live as long as the pool's
  // connections.
  const ours = (cmd: string) => /^postgres: (?:\S+: )?\S+ (\S+) /.exec(cmd)?.[1] === databaseName;
  const database = databaseName ? all.filter((p) => ours(p.cmd)).reduce((n, p) => n + p.ms, 0) : 0;
  const usage = process.cpuUsage();
  return { client: (usage.user + usage.system) / 1000, server, database };
}

/** CPU milliseconds per request of each side between two snapshots. */
export function cpuPerRequest(before: CpuSides | null, after: CpuSides | null, requests: number): string {
  if (!before || !after) return "CPU per request: not measured (no /proc)";
  const per = (k: keyof CpuSides) => ((after[k] - before[k]) / requests).toFixed(2);
  return `CPU per request: load generator ${per("client")} ms, server ${per("server")} ms, database backends ${per("database")} ms`;
}
