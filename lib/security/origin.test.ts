import { describe, expect, it } from "vitest";
import { isCrossOriginPost } from "./origin";

const post = (headers: Record<string, string>, method = "POST") => new Request("http://assent.test/f/demo/join", { method, headers });

describe("cross-origin posts proxy.ts refuses", () => {
  it("refuses another site, another port, a null origin and a malformed one", () => {
    for (const origin of ["https://evil.example", "http://assent.test:8080", "null", "not a url", "http://assent.test.evil.example"]) {
      expect(isCrossOriginPost(post({ host: "assent.test", origin })), origin).toBe(true);
    }
  });

  it("accepts the app's own origin, as the reverse proxy names it", () => {
    expect(isCrossOriginPost(post({ host: "assent.test", origin: "http://assent.test" }))).toBe(false);
    expect(isCrossOriginPost(post({ host: "127.0.0.1:3000", "x-forwarded-host": "consent.example.com", origin: "https://consent.example.com" }))).toBe(false);
    expect(isCrossOriginPost(post({ host: "consent.example.com", "x-forwarded-host": "127.0.0.1:3000", origin: "https://consent.example.com" }))).toBe(true);
  });

  it("refuses a POST without Origin, as the route handlers do: every browser sends one", () => {
    expect(isCrossOriginPost(post({ host: "assent.test" }))).toBe(true);
    expect(isCrossOriginPost(post({ host: "assent.test", "next-action": "00".repeat(21) }))).toBe(true);
  });

  it("leaves other methods to the app", () => {
    expect(isCrossOriginPost(post({ host: "assent.test", origin: "https://evil.example" }, "GET"))).toBe(false);
    expect(isCrossOriginPost(post({ host: "assent.test" }, "GET"))).toBe(false);
  });
});
