import { describe, expect, it } from "vitest";
import { frameAncestorSources } from "./frame-ancestors";

describe("the sites a hosted form may be framed by", () => {
  it("normalises case and a trailing slash, and drops duplicates", () => {
    expect(frameAncestorSources(["https://Shop.Example.com/", "https://shop.example.com", "https://*.example.org"])).toEqual([
      "https://shop.example.com",
      "https://*.example.org",
    ]);
  });

  it("never lets a stored value inject into the header", () => {
    const hostile = [
      "https://a.example; script-src *",
      "https://a.example/path",
      "'unsafe-inline'",
      "*",
      "https://a.example\r\nSet-Cookie: x=1",
      "javascript:alert(1)",
      "",
    ];
    expect(frameAncestorSources(hostile)).toEqual([]);
  });
});
