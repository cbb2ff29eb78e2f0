import { decodeCursor } from "../contacts/cursor";

/**
 * Where a client is in the events feed: the commit-order key (tx_id, position) of the last event it was given.
 * Opaque to clients. Cursors of the former (recorded_at, id) order still decode, as the event they name, so a
 * sync that was running before the upgrade carries on from that event.
 */
export type EventsCursor = { kind: "commit"; tx: string; position: string } | { kind: "event"; id: string };

const PREFIX = "c1";
const digits = /^\d{1,19}$/;

export function encodeEventsCursor(tx: string, position: string): string {
  return Buffer.from(`${PREFIX}|${tx}|${position}`, "utf8").toString("base64url");
}

export function decodeEventsCursor(raw: string): EventsCursor | null {
  const [prefix, tx, position, extra] = Buffer.from(raw, "base64url").toString("utf8").split("|");
  if (prefix === PREFIX && tx && position && extra === undefined && digits.test(tx) && digits.test(position)) {
    // Both are bigint in the database: refuse what would overflow the cast rather than answer 500.
    if (BigInt(tx) <= 2n ** 63n - 1n && BigInt(position) <= 2n ** 63n - 1n) return { kind: "commit", tx, position };
    return null;
  }
  const legacy = decodeCursor(raw);
  return legacy ? { kind: "event", id: legacy.id } : null;
}
