import { canonicalJson } from "../ledger/canonical";
import { sha256Hex } from "../security/digest";
import type { Actor, LedgerCommand } from "../ledger/types";
import type { ImportRow } from "./validate-row";

/**
 * The row's idempotency key: the workspace and what the row says, never its position or file. The same opt-in
 * imported twice (the same file again, or the row in another file) is written once; two identical rows in one
 * file are one opt-in.
 */
export function rowIdempotencyKey(workspaceId: string, row: ImportRow): string {
  const { row: _position, ...identity } = row;
  return `import:${sha256Hex(canonicalJson({ workspaceId, ...identity, occurredAt: row.occurredAt.toISOString() }))}`;
}

/** The ledger command for a good row: an opt-in on the import channel, with the original method as evidence. */
export function importCommand(workspaceId: string, row: ImportRow, actor: Actor): LedgerCommand {
  return {
    workspaceId,
    phone: row.phone,
    name: row.name ?? undefined,
    categories: row.categories,
    action: "opt_in",
    channel: "import",
    formVersionId: row.formVersionId ?? undefined,
    occurredAt: row.occurredAt,
    evidence: {
      source: row.source,
      originalMethod: row.originalMethod,
      ...(row.reference ? { reference: row.reference } : {}),
      ...(row.pageUrl ? { pageUrl: row.pageUrl } : {}),
    },
    network: row.ip || row.userAgent ? { ip: row.ip ?? undefined, userAgent: row.userAgent ?? undefined } : undefined,
    actor,
    note: row.note ?? undefined,
    idempotencyKey: rowIdempotencyKey(workspaceId, row),
  };
}
