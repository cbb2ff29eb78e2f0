import "server-only";
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import { listAllCategories } from "../categories/queries";
import { csvRow } from "../exports/csv";
import { calendarDate } from "../validation/dates";
import { listAuditEntries, type AuditRange } from "./queries";
import { auditSentence, detailOf } from "./sentences";

const DAY_MS = 86_400_000;
const BATCH = 1000;
const blank = (v: unknown) => (v === "" ? undefined : v);

/** The export's date range as URL parameters (whole UTC days, `to` included); bad values are refused, never widened. */
export const auditExportSchema = z
  .object({ from: z.preprocess(blank, calendarDate().optional()), to: z.preprocess(blank, calendarDate().optional()) })
  .refine((r) => !r.from || !r.to || r.from <= r.to, { message: "the end date is before the start date", path: ["to"] });

export type AuditExportParams = z.output<typeof auditExportSchema>;

export function toAuditRange(p: AuditExportParams): AuditRange {
  return {
    from: p.from ? new Date(`${p.from}T00:00:00Z`) : undefined,
    // "to" names the last day included.
    to: p.to ? new Date(new Date(`${p.to}T00:00:00Z`).getTime() + DAY_MS) : undefined,
  };
}

/** One column per thing the audit page shows of an entry; the request and IP as they are stored. */
export const auditExportColumns = ["time", "actor", "action", "sentence", "target_type", "target_id", "subject", "request_id", "ip"] as const;

/**
 * The workspace's audit entries in the range, newest first as on the page, as CSV chunks of one batch each: the
 * next batch is read only when the stream asks for it, so memory stays flat. `before` bounds it to the entries
 * older than the export's own, so entries written while it streams do not shift it. Each cell goes through the
 * ledger export's csvField, which defuses formulas.
 */
export async function* exportAuditLog(db: DbOrTx, workspaceId: string, range: AuditRange, before?: number): AsyncGenerator<string> {
  const categories = new Map((await listAllCategories(db, workspaceId)).map((c) => [c.key, c.label]));
  const categoryLabel = (key: string) => categories.get(key) ?? key;
  yield csvRow([...auditExportColumns]);
  let cursor = before;
  for (;;) {
    const { rows, nextBefore } = await listAuditEntries(db, workspaceId, cursor, { ...range, pageSize: BATCH });
    if (rows.length === 0) return;
    yield rows
      .map((e) => {
        const sentence = auditSentence(e.action, { detail: detailOf(e.detail), subject: e.subject, categoryLabel });
        return csvRow([e.createdAt.toISOString(), e.actorLabel, e.action, sentence, e.targetType, e.targetId, e.subject, e.requestId, e.ip]);
      })
      .join("");
    if (nextBefore === undefined) return;
    cursor = nextBefore;
  }
}
