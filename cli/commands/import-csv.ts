import { readFile } from "node:fs/promises";
import type { Writable } from "node:stream";
import type { Db } from "../../lib/db/client";
import { auditLog } from "../../lib/db/schema/access";
import { claimImportJob, listRowErrors, previewImport, runImportJob } from "../../lib/imports/jobs";
import { parseCommandArgs, requireString, UsageError, type CommandSpec } from "../args";
import { workspaceBySlug } from "../workspace";

export const spec: CommandSpec = {
  name: "import:csv",
  summary: "Import opt-ins from a CSV file (columns as in the README): preview every row, then write the good ones.",
  usage: "import:csv <file> --workspace <slug> [--dry-run] [--resume <job id>]",
  options: { workspace: { type: "string" }, "dry-run": { type: "boolean" }, resume: { type: "string" } },
};

const n = (value: number) => value.toLocaleString("en");

/**
 * Previews the file (every bad row printed with its row, column and reason), then imports the good rows with
 * a progress line per batch. Safe to run again: rows already imported are recognised and not written twice.
 * Exit code 0 when every row went in, 3 when some rows had problems (the good ones were still written).
 */
export async function run(db: Db, argv: string[], stdout: Writable): Promise<number> {
  const positional = argv[0] && !argv[0].startsWith("-");
  const file = positional ? argv[0] : undefined;
  const rest = positional ? argv.slice(1) : argv;
  const values = parseCommandArgs(spec, rest);
  const ws = await workspaceBySlug(db, requireString(values, "workspace"));
  const say = (line: string) => stdout.write(`${line}\n`);

  let job;
  if (typeof values.resume === "string") {
    job = await claimImportJob(db, ws.id, values.resume);
    say(`Resuming import ${job.id} (${job.fileName}) from row ${n(job.processedRows + 1)}.`);
  } else {
    if (!file) throw new UsageError("name the CSV file to import");
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
    }
    const preview = await previewImport(db, { workspaceId: ws.id, fileName: file.split(/[\\/]/).pop() ?? file, bytes, createdBy: null });
    say(`${file}: ${n(preview.totalRows)} rows, ${n(preview.goodRows)} good, ${n(preview.badRows)} with problems (import ${preview.id}).`);
    for (const e of await listRowErrors(db, preview.id, 10_000_000)) say(`  row ${e.row}, ${e.column}: ${e.reason}`);
    await db.insert(auditLog).values({
      workspaceId: ws.id,
      actorLabel: "cli",
      action: "import.preview",
      targetType: "import",
      targetId: preview.id,
      detail: { file, sha256: preview.fileSha256, rows: preview.totalRows, bad: preview.badRows },
    });
    if (values["dry-run"]) {
      say("Dry run: nothing was written.");
      return preview.badRows > 0 ? 3 : 0;
    }
    if (preview.goodRows === 0) {
      say("No row can be imported.");
      return 3;
    }
    job = await claimImportJob(db, ws.id, preview.id);
  }

  const started = Date.now();
  const done = await runImportJob(db, job, { type: "system", name: "cli import" }, (p) => {
    const rate = Math.round((p.processedRows - job.processedRows) / Math.max(0.001, (Date.now() - started) / 1000));
    process.stderr.write(
      `  ${n(p.processedRows)} / ${n(p.totalRows)} rows (${Math.floor((p.processedRows / Math.max(1, p.totalRows)) * 100)}%, ${n(rate)} rows/s)\n`,
    );
  });
  say(
    `Done: ${n(done.writtenRows)} written, ${n(done.alreadyImportedRows)} already imported, ${n(done.refusedRows)} refused, ${n(done.badRows)} with problems; ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
  if (done.refusedRows > 0) {
    for (const e of (await listRowErrors(db, done.id, 10_000_000)).filter((r) => r.column === "(ledger)")) say(`  row ${e.row}: ${e.reason}`);
  }
  return done.badRows + done.refusedRows > 0 ? 3 : 0;
}
