import { calendarDate } from "../validation/dates";
import { isUuid } from "../ids";

/**
 * Keyset pagination cursors: the sort key of the last row shown and its id. The timestamp travels as
 * PostgreSQL's own text form, so microseconds survive the round trip and no row is skipped or repeated.
 */
export type Cursor = { at: string; id: string };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.at}|${cursor.id}`, "utf8").toString("base64url");
}

export function decodeCursor(value: string | undefined): Cursor | undefined {
  if (!value) return undefined;
  const text = Buffer.from(value, "base64url").toString("utf8");
  const [at, id] = text.split("|");
  if (!at || !id || !isUuid(id) || !/^\d{4}-\d{2}-\d{2}[ T][\d:.+-]+$/.test(at)) return undefined;
  // A made-up cursor with 2026-13-45 or 25:61 in it would reach PostgreSQL and come back as a 500.
  const time = /^(\d{2}):(\d{2}):(\d{2})/.exec(at.slice(11));
  if (!calendarDate().safeParse(at.slice(0, 10)).success || !time || Number(time[1]) > 23 || Number(time[2]) > 59 || Number(time[3]) > 59) return undefined;
  return { at, id };
}
