import { createHash } from "node:crypto";
import { canonical, sha256Hex } from "./canonical.mjs";
import { checkToken } from "./rfc3161.mjs";

/** The file is not a proof this verifier can read (exit 2), as opposed to a proof that shows a fault (exit 1). */
export class InputError extends Error {}

const HEX64 = /^[0-9a-f]{64}$/;
const isHash = (v) => typeof v === "string" && HEX64.test(v);
const isCount = (v) => Number.isSafeInteger(v) && v >= 0;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function require(ok, where, what) {
  if (!ok) throw new InputError(`${where}: ${what}`);
}

/** The document a checkpoint's hash is the SHA-256 of, and what an RFC 3161 authority timestamped. */
export function checkpointDocument(c) {
  return canonical({
    v: 1,
    workspaceId: c.workspaceId,
    seq: c.seq,
    fromPosition: c.fromPosition,
    toPosition: c.toPosition,
    eventCount: c.eventCount,
    eventsDigest: c.eventsDigest,
    prevHash: c.prevHash,
    createdAt: c.createdAt,
  });
}

/** A checkpoint as a ledger.checkpoint message (and the proof's checkpoint lines) carry it; InputError if malformed. */
export function readCheckpoint(c, where) {
  require(c && typeof c === "object", where, "not an object");
  require(typeof c.workspaceId === "string", where, "workspaceId must be a string");
  require(Number.isSafeInteger(c.seq) && c.seq >= 1, where, "seq must be a whole number, 1 or more");
  for (const k of ["fromPosition", "toPosition", "eventCount"]) require(isCount(c[k]), where, `${k} must be a whole number`);
  require(isHash(c.eventsDigest) && isHash(c.hash), where, "eventsDigest and hash must be 64 lowercase hex characters");
  require(c.prevHash === null || isHash(c.prevHash), where, "prevHash must be null or 64 lowercase hex characters");
  require(typeof c.createdAt === "string" && ISO_MS.test(c.createdAt), where, "createdAt must be YYYY-MM-DDTHH:MM:SS.sssZ");
  require(c.tsaToken == null || (typeof c.tsaToken === "string" && /^[A-Za-z0-9+/]*={0,2}$/.test(c.tsaToken)), where, "tsaToken must be base64 or null");
  return { ...c, tsaToken: c.tsaToken ? Buffer.from(c.tsaToken, "base64") : null };
}

/**
 * Reads a proof export line by line and checks, as it goes: each event's hash over its fields, each contact's chain
 * (seq 1, 2, …; prevHash the previous event's hash), ledger order, each checkpoint's chain, range, event count and
 * digest of the events it seals, its hash, and its RFC 3161 token; at the end, the heads the business kept. Memory
 * holds one entry per contact and per checkpoint, not the events.
 */
export class ProofChecker {
  constructor({ tsaCert } = {}) {
    this.tsaCert = tsaCert;
    this.header = null;
    this.end = null;
    this.faults = [];
    this.chains = new Map();
    this.checkpoints = new Map();
    this.lastCheckpoint = null;
    this.lastPosition = 0;
    this.range = { count: 0, digest: createHash("sha256") };
    this.counts = { events: 0, checkpoints: 0, tokens: 0, tokensVerified: 0, keptHeads: 0, keptHeadsMatching: 0, keptHeadsOtherWorkspace: 0 };
    this.signers = new Map();
  }

  fault(at, fault) {
    this.faults.push({ at, order: this.faults.length, ...fault });
  }

  line(item, n) {
    const where = `line ${n}`;
    require(item && typeof item === "object" && !Array.isArray(item), where, "not a JSON object");
    if (!this.header) {
      require(item.type === "header" &&
        item.format === "assent-ledger-proof", where, 'the first line must be the header of an Assent ledger proof ("format":"assent-ledger-proof")');
      require(item.version === 1 &&
        item.hashVersion === 1, where, `format version ${item.version}, hash version ${item.hashVersion}: this verifier reads version 1`);
      require(typeof item.workspaceId === "string", where, "the header names no workspaceId");
      this.header = item;
      return;
    }
    require(!this.end, where, "a line after the end line");
    if (item.type === "event") this.event(item, where);
    else if (item.type === "checkpoint") this.checkpoint(readCheckpoint(item, where));
    else if (item.type === "end") this.end = item;
    else throw new InputError(`${where}: unknown line type ${JSON.stringify(item.type)}`);
  }

  event(item, where) {
    const e = item.event;
    require(Number.isSafeInteger(item.position) && item.position >= 1, where, "position must be a whole number, 1 or more");
    require(isHash(item.hash), where, "hash must be 64 lowercase hex characters");
    require(e && typeof e === "object" && e.v === 1, where, 'event must be an object with "v": 1');
    require(typeof e.id === "string" &&
      typeof e.contactId === "string" &&
      typeof e.workspaceId === "string", where, "event.id, contactId, workspaceId must be strings");
    require(Number.isSafeInteger(e.seq), where, "event.seq must be a whole number");
    require(e.prevHash === null || isHash(e.prevHash), where, "event.prevHash must be null or 64 lowercase hex characters");
    this.counts.events += 1;
    const at = item.position;
    const who = `contact ${e.contactId}, seq ${e.seq} (event ${e.id}, position ${item.position})`;
    const base = { eventId: e.id, contactId: e.contactId, seq: e.seq, position: item.position };
    if (e.workspaceId !== this.header.workspaceId)
      this.fault(at, { kind: "wrong_workspace", ...base, message: `${who} belongs to workspace ${e.workspaceId}, not ${this.header.workspaceId}` });
    if (item.position <= this.lastPosition)
      this.fault(at, { kind: "out_of_order", ...base, message: `${who} comes after position ${this.lastPosition}: the events are not in ledger order` });
    this.lastPosition = Math.max(this.lastPosition, item.position);
    const prev = this.chains.get(e.contactId);
    const expectedSeq = (prev?.seq ?? 0) + 1;
    if (e.seq !== expectedSeq)
      this.fault(at, {
        kind: "sequence_gap",
        ...base,
        message: `${who}: expected seq ${expectedSeq}, found ${e.seq}: an event of this contact is missing or out of order`,
      });
    else if (e.prevHash !== (prev?.hash ?? null))
      this.fault(at, {
        kind: "chain_broken",
        ...base,
        message: `${who}: prevHash ${e.prevHash} does not link to the contact's previous event (expected ${prev?.hash ?? null})`,
      });
    const recomputed = sha256Hex(canonical(e));
    if (recomputed !== item.hash)
      this.fault(at, { kind: "event_hash_mismatch", ...base, message: `${who} was altered: its fields hash to ${recomputed}, its hash is ${item.hash}` });
    this.chains.set(e.contactId, { seq: e.seq, hash: item.hash });
    this.range.count += 1;
    this.range.digest.update(`${item.hash}\n`);
  }

  checkpoint(cp) {
    this.counts.checkpoints += 1;
    const at = cp.toPosition + 0.5;
    const prev = this.lastCheckpoint;
    const base = { checkpointSeq: cp.seq };
    const name = `checkpoint ${cp.seq}`;
    if (cp.workspaceId !== this.header.workspaceId)
      this.fault(at, { kind: "wrong_workspace", ...base, message: `${name} belongs to workspace ${cp.workspaceId}` });
    if (cp.seq !== (prev?.seq ?? 0) + 1 || cp.prevHash !== (prev?.hash ?? null))
      this.fault(at, { kind: "checkpoint_chain_broken", ...base, message: `${name} does not link to checkpoint ${prev?.seq ?? "(none)"}` });
    if (cp.fromPosition !== (prev?.toPosition ?? 0))
      this.fault(at, {
        kind: "checkpoint_range_gap",
        ...base,
        message: `${name} starts at position ${cp.fromPosition}, not where the previous ended (${prev?.toPosition ?? 0})`,
      });
    const digest = this.range.digest.digest("hex");
    if (digest !== cp.eventsDigest || this.range.count !== cp.eventCount)
      this.fault(at, {
        kind: "checkpoint_events_mismatch",
        ...base,
        message: `${name} sealed ${cp.eventCount} events at positions ${cp.fromPosition + 1}–${cp.toPosition} with digest ${cp.eventsDigest}; the export has ${this.range.count} there with digest ${digest}: events were removed, added or altered`,
      });
    const document = checkpointDocument(cp);
    const recomputed = sha256Hex(document);
    if (recomputed !== cp.hash)
      this.fault(at, { kind: "checkpoint_hash_mismatch", ...base, message: `${name} was altered: its fields hash to ${recomputed}, its hash is ${cp.hash}` });
    if (cp.tsaToken) {
      this.counts.tokens += 1;
      const result = checkToken(cp.tsaToken, recomputed, { tsaCert: this.tsaCert });
      if (result.ok) {
        this.counts.tokensVerified += 1;
        this.signers.set(result.signer.sha256, result.signer);
      } else {
        const when = result.genTime ? ` (timestamped ${result.genTime.toISOString()})` : "";
        const why = result.rewritten ? ". Its events, or an earlier checkpoint, were rewritten after it was timestamped" : "";
        this.fault(at, { kind: "anchor_token_mismatch", ...base, message: `${name} no longer matches its RFC 3161 timestamp${when}: ${result.problem}${why}` });
      }
    }
    this.checkpoints.set(cp.seq, { hash: cp.hash, recomputed, at });
    this.lastCheckpoint = cp;
    this.range = { count: 0, digest: createHash("sha256") };
  }

  /** Heads the business kept: each must be intact on its own, and the export must hold that checkpoint with that hash. */
  keptHeads(heads) {
    for (const kept of heads) {
      if (kept.workspaceId && kept.workspaceId !== this.header.workspaceId) {
        this.counts.keptHeadsOtherWorkspace += 1;
        continue;
      }
      this.counts.keptHeads += 1;
      const name = `checkpoint ${kept.seq}`;
      const mine = this.checkpoints.get(kept.seq);
      const at = mine?.at ?? Number.MAX_SAFE_INTEGER;
      const base = { checkpointSeq: kept.seq };
      if (kept.fields) {
        if (sha256Hex(checkpointDocument(kept.fields)) !== kept.hash) {
          this.fault(at, { kind: "anchor_copy_invalid", ...base, message: `the kept copy of ${name} does not hash to its own hash: the copy was altered` });
          continue;
        }
        if (kept.fields.tsaToken) {
          const copy = checkToken(kept.fields.tsaToken, kept.hash, { tsaCert: this.tsaCert });
          if (!copy.ok) {
            this.fault(at, {
              kind: "anchor_copy_invalid",
              ...base,
              message: `the kept copy of ${name} carries a timestamp token that does not verify: ${copy.problem}`,
            });
            continue;
          }
        }
      }
      if (!mine)
        this.fault(at, {
          kind: "anchor_checkpoint_missing",
          ...base,
          message: `${name}, whose head you kept (hash ${kept.hash}), is not in the export: checkpoints were deleted`,
        });
      else if (mine.hash !== kept.hash || mine.recomputed !== kept.hash)
        this.fault(at, {
          kind: "anchor_head_mismatch",
          ...base,
          message: `${name} no longer matches the head you kept (hash ${kept.hash}, in the export ${mine.recomputed}): the events it seals, or the checkpoints before it, were rewritten`,
        });
      else this.counts.keptHeadsMatching += 1;
    }
  }

  /** After the last line: the end line must account for every line, else the file was cut short. */
  finish() {
    if (!this.header) throw new InputError("the file is empty: no header line");
    if (!this.end) throw new InputError("no end line: the file was cut short");
    const { events, checkpoints, tokens } = this.end;
    if (events !== this.counts.events || checkpoints !== this.counts.checkpoints || tokens !== this.counts.tokens)
      throw new InputError(
        `the end line counts ${events} events, ${checkpoints} checkpoints, ${tokens} tokens; the file holds ${this.counts.events}, ${this.counts.checkpoints}, ${this.counts.tokens}`,
      );
  }

  result() {
    const faults = [...this.faults].sort((a, b) => a.at - b.at || a.order - b.order).map(({ at, order, ...f }) => f);
    return {
      ok: faults.length === 0,
      workspaceId: this.header.workspaceId,
      workspaceSlug: this.header.workspaceSlug ?? null,
      exportedAt: this.header.exportedAt ?? null,
      checked: { ...this.counts, contacts: this.chains.size, unsealedEvents: this.range.count },
      tsaCertificates: [...this.signers.values()],
      faults,
    };
  }
}

/** A file of kept heads: JSON Lines or a JSON array of ledger.checkpoint bodies (whole, or their data) or {seq, hash}. */
export function parseKeptHeads(text) {
  const trimmed = text.trim();
  if (trimmed === "") return [];
  let items;
  if (trimmed.startsWith("[")) {
    try {
      items = JSON.parse(trimmed).map((item, i) => [item, `item ${i + 1}`]);
    } catch {
      throw new InputError("kept heads: the file starts with [ but is not a JSON array");
    }
  } else {
    items = trimmed.split(/\r?\n/).flatMap((raw, i) => {
      if (raw.trim() === "") return [];
      try {
        return [[JSON.parse(raw), `line ${i + 1}`]];
      } catch {
        throw new InputError(`kept heads, line ${i + 1}: not JSON`);
      }
    });
  }
  return items.map(([item, where]) => {
    const data = item?.type === "ledger.checkpoint" && item.data ? item.data : item;
    const w = `kept heads, ${where}`;
    require(data &&
      typeof data === "object" &&
      Number.isSafeInteger(data.seq) &&
      data.seq >= 1 &&
      isHash(data.hash), w, "not a checkpoint head (needs seq and a 64-hex hash)");
    const whole = "eventsDigest" in data;
    return { workspaceId: data.workspaceId, seq: data.seq, hash: data.hash, fields: whole ? readCheckpoint(data, w) : null };
  });
}
