import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "../../proxy";
import { refusalCookieName } from "../channels/web/refusal-cookie-name";

const directives = (csp: string | null) => (csp ?? "").split(/;\s*/).filter(Boolean);

/** proxy.ts itself, called as Next.js calls it: what it refuses and the headers it gives. e2e/specs/security.spec.ts checks the same through `next start`. */
describe("proxy.ts", () => {
  it("refuses a server action posted without Origin, as with a foreign one; its own origin goes on", async () => {
    const action = (headers: Record<string, string>) =>
      proxy(
        new NextRequest("http://assent.test/demo/settings/api-keys", {
          method: "POST",
          headers: { host: "assent.test", "next-action": "00".repeat(21), "content-type": "text/plain;charset=UTF-8", ...headers },
          body: "[]",
        }),
      );
    expect((await action({})).status).toBe(403);
    expect((await action({ origin: "https://evil.example" })).status).toBe(403);
    const own = await action({ origin: "http://assent.test" });
    expect(own.headers.get("x-middleware-next")).toBe("1");
  });

  it("refuses a form posted without Origin (a browser without JavaScript sends one too)", async () => {
    const form = await proxy(
      new NextRequest("http://assent.test/f/demo/join", {
        method: "POST",
        headers: { host: "assent.test", "content-type": "application/x-www-form-urlencoded" },
        body: "phone=1",
      }),
    );
    expect(form.status).toBe(403);
  });

  it("refuses cross-site and Origin-less posts to the public pages' stable submit addresses; their own pages' go on", async () => {
    for (const path of ["/f/demo/join/submit", "/p/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/submit"]) {
      const submit = (headers: Record<string, string>) =>
        proxy(
          new NextRequest(`http://assent.test${path}`, {
            method: "POST",
            headers: { host: "assent.test", "content-type": "application/x-www-form-urlencoded", ...headers },
            body: "language=en",
          }),
        );
      expect((await submit({})).status, path).toBe(403);
      expect((await submit({ origin: "https://evil.example" })).status, path).toBe(403);
      expect((await submit({ origin: "null" })).status, path).toBe(403);
      expect((await submit({ origin: "http://assent.test" })).headers.get("x-middleware-next"), path).toBe("1");
    }
  });

  it("clears a refused post's cookie on the form page that reads it, with the same path", async () => {
    const page = await proxy(
      new NextRequest("http://assent.test/f/demo/join?lang=en&notice=refused", { headers: { host: "assent.test", cookie: `${refusalCookieName}=x` } }),
    );
    expect(page.headers.get("set-cookie")).toMatch(new RegExp(`^${refusalCookieName}=; Path=/f/demo/join; Max-Age=0`));
    const without = await proxy(new NextRequest("http://assent.test/f/demo/join", { headers: { host: "assent.test" } }));
    expect(without.headers.get("set-cookie")).toBeNull();
  });

  it("keeps a page snapshot's sandboxing CSP, and gives pages theirs", async () => {
    for (const path of ["/demo/forms/f1/versions/v1/snapshot?lang=en", "/demo/forms/f1/versions/v1/%73napshot"]) {
      const snapshot = await proxy(new NextRequest(`http://assent.test${path}`, { headers: { host: "assent.test" } }));
      const csp = directives(snapshot.headers.get("content-security-policy"));
      expect(csp, path).toContain("sandbox");
      expect(csp, path).toContain("default-src 'none'");
      expect(csp, path).toContain("frame-ancestors 'none'");
    }
    const page = await proxy(new NextRequest("http://assent.test/demo/forms/f1/versions", { headers: { host: "assent.test" } }));
    expect(directives(page.headers.get("content-security-policy"))).not.toContain("sandbox");
  });
});
