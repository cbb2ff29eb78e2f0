import { z } from "zod";
import type { CheckpointFields } from "../hash";

/**
 * A checkpoint head the business kept outside Assent: at least the checkpoint's seq and hash (what the Ledger page
 * and `ledger:checkpoint` print), or a whole ledger.checkpoint webhook message, which also carries every field the
 * hash covers and the RFC 3161 token, if any, so the copy can be checked on its own.
 */
export type KeptHead = {
  workspaceId?: string;
  seq: number;
  hash: string;
  fields?: CheckpointFields;
  tsaToken?: Buffer;
};

const hash = z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex characters (a SHA-256)");
const seq = z.number().int().min(1, "must be a checkpoint number, 1 or more");

/** A ledger.checkpoint message's data, as lib/ledger/anchor/checkpoint-webhook.ts writes it. */
const payloadSchema = z.object({
  workspaceId: z.string().uuid(),
  seq,
  fromPosition: z.number().int().min(0),
  toPosition: z.number().int().min(0),
  eventCount: z.number().int().min(0),
  eventsDigest: hash,
  prevHash: hash.nullable(),
  hash,
  createdAt: z.string().datetime({ precision: 3 }),
  tsaToken: z.string().base64().nullable().optional(),
});
const bareSchema = z.object({ workspaceId: z.string().uuid().optional(), seq, hash });

export class KeptHeadError extends Error {}

/** `<seq>:<hash>`, as given to `ledger:verify --anchor` or `?anchor=` in the API. */
export function parseKeptHead(text: string): KeptHead {
  const match = /^\s*(\d{1,9}):([0-9a-fA-F]{64})\s*$/.exec(text);
  if (!match) throw new KeptHeadError(`"${text.slice(0, 80)}" is not <checkpoint number>:<64 hex characters of its hash>`);
  const head = { seq: Number(match[1]), hash: match[2]!.toLowerCase() };
  if (head.seq < 1) throw new KeptHeadError("a checkpoint number starts at 1");
  return head;
}

function fromItem(item: unknown, where: string): KeptHead {
  // A whole delivered body (the Standard Webhooks envelope) or only its data.
  const data =
    item && typeof item === "object" && "data" in item && (item as { type?: unknown }).type === "ledger.checkpoint" ? (item as { data: unknown }).data : item;
  const full = payloadSchema.safeParse(data);
  if (full.success) {
    const p = full.data;
    return {
      workspaceId: p.workspaceId,
      seq: p.seq,
      hash: p.hash,
      fields: { ...p, createdAt: new Date(p.createdAt) },
      ...(p.tsaToken ? { tsaToken: Buffer.from(p.tsaToken, "base64") } : {}),
    };
  }
  const bare = bareSchema.safeParse(data);
  if (bare.success) return bare.data;
  const issue = full.error.issues[0]!;
  throw new KeptHeadError(`${where}: not a kept checkpoint head (${issue.path.join(".") || "value"} ${issue.message})`);
}

/**
 * A file of kept heads: a JSON array, or JSON Lines, of ledger.checkpoint messages (the delivered bodies or their
 * `data`) or of `{ "seq": …, "hash": … }` objects.
 */
export function parseKeptHeadsFile(text: string): KeptHead[] {
  const trimmed = text.trim();
  if (trimmed === "") return [];
  let items: unknown[];
  if (trimmed.startsWith("[")) {
    try {
      items = JSON.parse(trimmed) as unknown[];
    } catch {
      throw new KeptHeadError("the file starts with [ but is not a JSON array");
    }
    if (!Array.isArray(items)) throw new KeptHeadError("the file is not a JSON array");
    return items.map((item, i) => fromItem(item, `item ${i + 1}`));
  }
  return trimmed.split(/\r?\n/).flatMap((line, i) => {
    if (line.trim() === "") return [];
    let item: unknown;
    try {
      item = JSON.parse(line);
    } catch {
      throw new KeptHeadError(`line ${i + 1} is not JSON`);
    }
    return [fromItem(item, `line ${i + 1}`)];
  });
}
