import { describe, expect, it } from "vitest";
import { frameAncestorSources, framingHeaders } from "./frame-ancestors";

describe("framing headers of a hosted form", () => {
  it("forbids framing when no site is allowed, in CSP and for old browsers", () => {
    expect(framingHeaders([])).toEqual({ "Content-Security-Policy": "frame-ancestors 'none'", "X-Frame-Options": "DENY" });
  });

  it("lists exactly the allowed sites, and sends no X-Frame-Options that would block them", () => {
    const headers = framingHeaders(["https://a.example", "https://b.example:8443"]);
    expect(headers).toEqual({ "Content-Security-Policy": "frame-ancestors https://a.example https://b.example:8443" });
  });

  it("normalises case and a trailing slash, and drops duplicates", () => {
    expect(frameAncestorSources(["https://Shop.Example.com/", "https://shop.example.com", "https://*.example.org"])).toEqual([
      "https://shop.example.com",
      "https://*.example.org",
    ]);
  });

  it("never lets a stored value inject into the header", () => {
    const hostile = ["https://a.example; script-src *", "https://a.example/path", "'unsafe-inline'", "*", "https://a.example\r\nSet-Cookie: x=1", "javascript:alert(1)", ""];
    expect(frameAncestorSources(hostile)).toEqual([]);
    expect(framingHeaders(hostile)["Content-Security-Policy"]).toBe("frame-ancestors 'none'");
  });
});
