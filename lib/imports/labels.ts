import type { importJobs } from "../db/schema/imports";
import { STALE_AFTER_MS } from "./stale";

type Job = Pick<typeof importJobs.$inferSelect, "status" | "heartbeatAt">;

/** The job's state in words, with a run whose process stopped beating called what it is. */
export function importStatusLabel(job: Job, now = new Date()): string {
  if (job.status === "running" && (!job.heartbeatAt || now.getTime() - job.heartbeatAt.getTime() > STALE_AFTER_MS)) return "Stopped (resume it)";
  return { previewed: "Previewed, not imported", running: "Importing", done: "Imported", failed: "Stopped (resume it)" }[job.status];
}
