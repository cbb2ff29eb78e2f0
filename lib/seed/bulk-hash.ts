import { canonicalTemplate, personalDigest, type Canonical } from "../ledger/canonical";
import { sha256Hex } from "../security/digest";
import { canonicalEvent, type HashedEventFields } from "../ledger/hash";

/** The members that differ from one generated event to the next; the rest is fixed per action, channel and category. */
const LATE = [
  "id",
  "contactId",
  "seq",
  "commandId",
  "occurredAt",
  "recordedAt",
  "evidence",
  "phoneDigest",
  "nameDigest",
  "ipDigest",
  "userAgentDigest",
  "prevHash",
] as const;
type Late = (typeof LATE)[number];

/** The late members as they are encoded: timestamps already as ISO strings (the generator needs them for the row too). */
export type LateMembers = Record<Exclude<Late, "occurredAt" | "recordedAt" | "evidence" | "seq">, string | null> & {
  seq: number;
  occurredAt: string;
  recordedAt: string;
  evidence: Canonical;
};

/**
 * eventHash with the fixed members encoded once: like `eventHasher`, but with every per-event member late.
 * The members are read back from `canonicalEvent` itself, so names, the version and encodings cannot drift
 * from it, and the template is checked against it once before use.
 */
export function eventHashTemplate(fixed: Omit<HashedEventFields, Late>): (late: LateMembers) => string {
  const sample: Pick<HashedEventFields, Late> = {
    id: "00000000-0000-4000-8000-000000000001",
    contactId: "00000000-0000-4000-8000-000000000002",
    seq: 1,
    commandId: "00000000-0000-4000-8000-000000000003",
    occurredAt: new Date(0),
    recordedAt: new Date(1),
    evidence: { reference: "sample" },
    phoneDigest: "p",
    nameDigest: null,
    ipDigest: "i",
    userAgentDigest: null,
    prevHash: "h",
  };
  const expected = canonicalEvent({ ...fixed, ...sample });
  const encode = canonicalTemplate(JSON.parse(expected) as { [key: string]: Canonical }, LATE);
  const sampleMembers = { ...sample, occurredAt: sample.occurredAt.toISOString(), recordedAt: sample.recordedAt.toISOString() };
  if (encode(sampleMembers) !== expected) throw new Error("bulk ledger: the event hash template no longer matches canonicalEvent");
  return (late) => sha256Hex(encode(late));
}

/**
 * personalDigest, remembered per value: a generated ledger repeats a few hundred IPs, user agents and names
 * millions of times, and each HMAC costs microseconds. For repeating values only: phones, all distinct, are
 * digested directly.
 */
export function cachedDigests(salt: string): (kind: string, value: string | null) => string | null {
  const cache = new Map<string, string | null>();
  return (kind, value) => {
    if (value === null) return null;
    const key = `${kind}\u0000${value}`;
    let digest = cache.get(key);
    if (digest === undefined) {
      digest = personalDigest(salt, kind, value);
      cache.set(key, digest);
    }
    return digest;
  };
}
