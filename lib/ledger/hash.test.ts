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
