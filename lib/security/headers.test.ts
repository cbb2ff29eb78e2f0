import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, securityHeaders } from "./headers";

const directives = (csp: string) => Object.fromEntries(csp.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));

describe("security headers of a page", () => {
  it("allows scripts only by this response's nonce, never inline or eval in production", () => {
    const csp = directives(contentSecurityPolicy({ nonce: "abc123", frame: { kind: "none" }, development: false }));
    expect(csp["script-src"]).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(csp["object-src"]).toEqual(["'none'"]);
    expect(csp["base-uri"]).toEqual(["'none'"]);
    expect(csp["form-action"]).toEqual(["'self'"]);
    expect(csp["default-src"]).toEqual(["'self'"]);
    expect(Object.values(csp).flat()).not.toContain("*");
  });

  it("lets development evaluate code and open the hot-reload socket, and only development", () => {
    expect(directives(contentSecurityPolicy({ nonce: "n", frame: { kind: "none" }, development: true }))["script-src"]).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy({ nonce: "n", frame: { kind: "none" }, development: false })).not.toMatch(/unsafe-eval|ws:/);
  });

  it("forbids framing unless the page allows it, in CSP and X-Frame-Options alike", () => {
    const base = { nonce: "n", development: false, strictTransport: false };
    const none = securityHeaders({ ...base, frame: { kind: "none" } });
    expect(directives(none["Content-Security-Policy"]!)["frame-ancestors"]).toEqual(["'none'"]);
    expect(none["X-Frame-Options"]).toBe("DENY");
    const self = securityHeaders({ ...base, frame: { kind: "self" } });
    expect(directives(self["Content-Security-Policy"]!)["frame-ancestors"]).toEqual(["'self'"]);
    expect(self["X-Frame-Options"]).toBe("SAMEORIGIN");
    // A form with allowed sites: exactly those, and no X-Frame-Options (it cannot list sites and would block them).
    const sites = securityHeaders({ ...base, frame: { kind: "sites", sources: ["https://a.example", "https://b.example:8443"] } });
    expect(directives(sites["Content-Security-Policy"]!)["frame-ancestors"]).toEqual(["https://a.example", "https://b.example:8443"]);
    expect(sites["X-Frame-Options"]).toBeUndefined();
    const noSites = securityHeaders({ ...base, frame: { kind: "sites", sources: [] } });
    expect(directives(noSites["Content-Security-Policy"]!)["frame-ancestors"]).toEqual(["'none'"]);
    expect(noSites["X-Frame-Options"]).toBe("DENY");
  });

  it("sends HSTS only when told (HTTPS in production), and the other headers always", () => {
    const plain = securityHeaders({ nonce: "n", frame: { kind: "none" }, development: false, strictTransport: false });
    expect(plain["Strict-Transport-Security"]).toBeUndefined();
    expect(plain).toMatchObject({ "X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin" });
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) expect(plain["Permissions-Policy"]).toContain(`${feature}=()`);
    const secure = securityHeaders({ nonce: "n", frame: { kind: "none" }, development: false, strictTransport: true });
    expect(secure["Strict-Transport-Security"]).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
  });

  it("makes a different, unguessable nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});
