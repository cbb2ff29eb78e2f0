import { describe, expect, it } from "vitest";
import { safeNextPath } from "./next-path";

describe("safeNextPath", () => {
  it("keeps a path on this site with its query", () => {
    expect(safeNextPath("/demo/contacts/3f2a?state=opted_out&q=%2B1201")).toBe("/demo/contacts/3f2a?state=opted_out&q=%2B1201");
    expect(safeNextPath("/demo")).toBe("/demo");
  });

  it.each([
    "//evil.example",
    "//evil.example/demo",
    "https://evil.example",
    "javascript:alert(1)",
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    " /demo",
    "demo/contacts",
    "",
  ])("sends %j to the fallback", (value) => {
    expect(safeNextPath(value)).toBe("/dashboard");
  });

  it("refuses what is not a string, and a path too long to be a real link", () => {
    expect(safeNextPath(["/demo"])).toBe("/dashboard");
    expect(safeNextPath(undefined, "/demo")).toBe("/demo");
    expect(safeNextPath(`/demo?q=${"a".repeat(2000)}`)).toBe("/dashboard");
  });
});
