import "server-only";
import { and, desc, eq, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { openRaw } from "./store";
import { decodeCursor, encodeCursor } from "../../contacts/cursor";
import type { DbOrTx } from "../../db/client";
import { inboundDeadLetters } from "../../db/schema/channels";

export const deadLetterStatuses = ["open", "resolved"] as const;
export type DeadLetterStatus = (typeof deadLetterStatuses)[number];
export type DeadLetterFilter = { status?: DeadLetterStatus; before?: string };

export type DeadLetterRow = {
  id: string;
  channel: "whatsapp" | "sms";
  kind: string;
  reasonCode: string;
  reason: string;
  attempts: number;
  receivedAt: Date;
  retriedAt: Date | null;
  resolvedAt: Date | null;
  erasedAt: Date | null;
  /** The raw item opened, only when the caller may see it; null once erased or when not allowed. */
  content: string | null;
};

export const DEAD_LETTERS_PAGE_SIZE = 50;

/**
 * The workspace's dead letters, newest first (keyset). The raw item is opened only for `withContent`, which the
 * page sets from the viewer's role: a viewer sees that something arrived and why it failed, never what it said.
 */
export async function listDeadLetters(db: DbOrTx, workspaceId: string, filter: DeadLetterFilter, options: { withContent: boolean }) {
  const where: (SQL | undefined)[] = [
    eq(inboundDeadLetters.workspaceId, workspaceId),
    filter.status === "open" ? isNull(inboundDeadLetters.resolvedAt) : filter.status === "resolved" ? isNotNull(inboundDeadLetters.resolvedAt) : undefined,
  ];
  const cursor = decodeCursor(filter.before);
  if (cursor) where.push(sql`(${inboundDeadLetters.receivedAt}, ${inboundDeadLetters.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`);
  const rows = await db
    .select({
      id: inboundDeadLetters.id,
      channel: inboundDeadLetters.channel,
      kind: inboundDeadLetters.kind,
      reasonCode: inboundDeadLetters.reasonCode,
      reason: inboundDeadLetters.reason,
      attempts: inboundDeadLetters.attempts,
      receivedAt: inboundDeadLetters.receivedAt,
      retriedAt: inboundDeadLetters.retriedAt,
      resolvedAt: inboundDeadLetters.resolvedAt,
      erasedAt: inboundDeadLetters.erasedAt,
      rawSealed: inboundDeadLetters.rawSealed,
      sortKey: sql<string>`${inboundDeadLetters.receivedAt}::text`,
    })
    .from(inboundDeadLetters)
    .where(and(...where))
    .orderBy(desc(inboundDeadLetters.receivedAt), desc(inboundDeadLetters.id))
    .limit(DEAD_LETTERS_PAGE_SIZE + 1);
  const page = rows.slice(0, DEAD_LETTERS_PAGE_SIZE);
  return {
    rows: page.map(({ rawSealed, sortKey: _, ...r }): DeadLetterRow => ({ ...r, content: options.withContent && rawSealed ? readable(rawSealed) : null })),
    nextBefore: rows.length > DEAD_LETTERS_PAGE_SIZE ? encodeCursor({ at: page.at(-1)!.sortKey, id: page.at(-1)!.id }) : undefined,
  };
}

/** JSON indented for reading; anything else (a form body, broken JSON) as it came. */
function readable(sealed: string): string {
  const raw = openRaw(sealed);
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return raw;
  }
}

/** How many are waiting, for the page's heading. */
export async function countOpenDeadLetters(db: DbOrTx, workspaceId: string): Promise<number> {
  return db.$count(inboundDeadLetters, and(eq(inboundDeadLetters.workspaceId, workspaceId), isNull(inboundDeadLetters.resolvedAt)));
}
