import { describe, expect, it } from "vitest";
import { csvField, csvRow } from "./csv";

describe("csv", () => {
  it("quotes only what needs quoting, doubling quotes", () => {
    expect(csvRow(["plain", 'say "hi"', "a,b", "two\nlines", null, 7])).toBe('plain,"say ""hi""","a,b","two\nlines",,7\n');
  });
  it("writes dates as ISO and objects as JSON", () => {
    expect(csvField(new Date("2026-01-02T03:04:05.006Z"))).toBe("2026-01-02T03:04:05.006Z");
    expect(csvField({ a: 1 })).toBe('"{""a"":1}"');
  });
  it("defuses spreadsheet formulas", () => {
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("+1+1")).toBe("'+1+1");
    expect(csvField("-2+3")).toBe("'-2+3");
  });
  it("leaves E.164 phone numbers exact", () => {
    expect(csvField("+12015550123")).toBe("+12015550123");
  });
});
