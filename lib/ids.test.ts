import { describe, expect, it } from "vitest";
import { isUuid } from "./ids";

describe("isUuid", () => {
  it("accepts PostgreSQL's text form in either case", () => {
    expect(isUuid("0b9f6c1e-3f4a-4c2b-9d7e-1a2b3c4d5e6f")).toBe(true);
    expect(isUuid("0B9F6C1E-3F4A-4C2B-9D7E-1A2B3C4D5E6F")).toBe(true);
  });

  it("refuses what PostgreSQL would reject with an error, so a route answers not-found instead of 500", () => {
    for (const v of [
      "-".repeat(36),
      "0b9f6c1e3f4a4c2b9d7e1a2b3c4d5e6f0000",
      "0b9f6c1e-3f4a-4c2b-9d7e-1a2b3c4d5e6",
      "zb9f6c1e-3f4a-4c2b-9d7e-1a2b3c4d5e6f",
      "",
      " 0b9f6c1e-3f4a-4c2b-9d7e-1a2b3c4d5e6f",
      42,
      null,
    ]) {
      expect(isUuid(v)).toBe(false);
    }
  });
});
