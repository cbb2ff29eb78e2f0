import { describe, expect, it } from "vitest";
import { canonicalJson, personalDigest } from "./canonical";

describe("canonicalJson", () => {
  it("sorts keys at every depth and drops undefined members", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, "x"], c: null }, z: undefined })).toBe('{"a":{"c":null,"d":[1,"x"]},"b":1}');
  });
  it("escapes strings as JSON does", () => {
    expect(canonicalJson({ s: 'quote " and \u2028 and é' })).toBe(JSON.stringify({ s: 'quote " and \u2028 and é' }));
  });
  it("refuses numbers with more than one spelling", () => {
    expect(() => canonicalJson(1.5)).toThrow(TypeError);
  });
});

describe("personalDigest", () => {
  it("is keyed by salt and by kind, and empty stays empty", () => {
    const a = personalDigest("salt-a", "phone", "+12015550123");
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(personalDigest("salt-b", "phone", "+12015550123")).not.toBe(a);
    expect(personalDigest("salt-a", "name", "+12015550123")).not.toBe(a);
    expect(personalDigest("salt-a", "phone", "")).toBeNull();
  });
});
