import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { canonicalJson, canonicalTemplate, type Canonical } from "./canonical";
import { eventHash, eventHasher, type HashedEventFields } from "./hash";

const json: fc.Arbitrary<Canonical> = fc.letrec<{ value: Canonical }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.string(),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 4 }), fc.option(tie("value"), { nil: undefined }), { maxKeys: 4 }),
  ),
})).value;

describe("canonicalTemplate", () => {
  it("encodes exactly as canonicalJson of the filled-in value", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 4 }), fc.option(json, { nil: undefined }), { maxKeys: 6 }),
        fc.dictionary(fc.string({ maxLength: 4 }), json, { maxKeys: 3 }),
        (value, fill) => {
          const later = Object.keys(fill);
          expect(canonicalTemplate(value, later)(fill)).toBe(canonicalJson({ ...value, ...fill }));
        },
      ),
    );
  });
});

describe("eventHasher", () => {
  it("gives the hash eventHash gives the whole event", () => {
    const event: HashedEventFields = {
      id: randomUUID(),
      workspaceId: randomUUID(),
      contactId: randomUUID(),
      seq: 7,
      commandId: randomUUID(),
      categoryId: randomUUID(),
      categoryKey: "orders",
      action: "opt_in",
      channel: "web",
      optInLevel: "single",
      formVersionId: randomUUID(),
      formVersionDigest: "a".repeat(64),
      language: "en",
      occurredAt: new Date("2026-11-25T10:00:00.123Z"),
      recordedAt: new Date(),
      evidence: { pageUrl: "https://assent.example/f/x/join" },
      actor: { type: "person" },
      phoneDigest: "b".repeat(64),
      nameDigest: null,
      ipDigest: "c".repeat(64),
      userAgentDigest: "d".repeat(64),
      noteDigest: null,
      prevHash: null,
    };
    const { contactId, seq, prevHash, ...rest } = event;
    const hashWith = eventHasher(rest);
    expect(hashWith({ contactId, seq, prevHash })).toBe(eventHash(event));
    expect(hashWith({ contactId, seq: 8, prevHash: "e".repeat(64) })).toBe(eventHash({ ...event, seq: 8, prevHash: "e".repeat(64) }));
  });
});

describe("eventHash across the BSUID change", () => {
  const before: HashedEventFields = {
    id: "7c1d2f6e-1111-4a2b-9c3d-000000000001",
    workspaceId: "7c1d2f6e-2222-4a2b-9c3d-000000000002",
    contactId: "7c1d2f6e-3333-4a2b-9c3d-000000000003",
    seq: 2,
    commandId: "7c1d2f6e-4444-4a2b-9c3d-000000000004",
    categoryId: "7c1d2f6e-5555-4a2b-9c3d-000000000005",
    categoryKey: "offers",
    action: "opt_out",
    channel: "whatsapp",
    optInLevel: null,
    formVersionId: null,
    formVersionDigest: null,
    language: null,
    occurredAt: new Date("2026-03-01T10:00:00.000Z"),
    recordedAt: new Date("2026-03-01T10:00:01.250Z"),
    evidence: { messageId: "wamid.X", kind: "text", text: "STOP" },
    actor: { type: "person" },
    phoneDigest: "a".repeat(64),
    nameDigest: null,
    ipDigest: null,
    userAgentDigest: null,
    noteDigest: null,
    prevHash: "b".repeat(64),
  };
  // Computed with lib/ledger/hash.ts as it was before BSUIDs: events already in ledgers must keep verifying.
  const hashBefore = "62eb63c110f305b07f1fda76bed0fafad755baefb66e0e53467cbe522c2f51ed";

  it("an event without a BSUID (as stored: bsuid_digest null) hashes exactly as before", () => {
    expect(eventHash(before)).toBe(hashBefore);
    expect(eventHash({ ...before, bsuidDigest: null })).toBe(hashBefore);
    const { contactId, seq, prevHash, ...rest } = before;
    expect(eventHasher({ ...rest, bsuidDigest: null })({ contactId, seq, prevHash })).toBe(hashBefore);
  });

  it("a BSUID, when there is one, is committed to; a BSUID alone has a null phone digest", () => {
    const withBsuid = eventHash({ ...before, bsuidDigest: "c".repeat(64) });
    expect(withBsuid).not.toBe(hashBefore);
    expect(eventHash({ ...before, bsuidDigest: "d".repeat(64) })).not.toBe(withBsuid);
    expect(eventHash({ ...before, phoneDigest: null, bsuidDigest: "c".repeat(64) })).not.toBe(withBsuid);
  });
});
