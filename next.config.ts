import type { NextConfig } from "next";
import { noScriptHeaders } from "./lib/security/headers";

const nextConfig: NextConfig = {
  // Only e2e/specs/deploy-skew.spec.ts sets this: a second build of the same commit beside the first, to show a page
  // from one build is still accepted by another. Kept under .next/ so git and the type check ignore it.
  ...(process.env.ASSENT_DIST_DIR ? { distDir: process.env.ASSENT_DIST_DIR } : {}),
  // PGlite ships WebAssembly and data files it loads from its own package folder; bundling it breaks those paths.
  // harfbuzzjs (the PDFs' text shaping) likewise loads its .wasm beside its own module.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "qrcode", "harfbuzzjs"],
  poweredByHeader: false,
  // forbidden() gives a role without a permission a real 403 page instead of a redirect or a bare error.
  experimental: { authInterrupts: true },
  // Pages get their security headers from proxy.ts, per request (the CSP carries a fresh nonce). What proxy.ts does
  // not see, built assets and the /api routes Next.js still serves (Auth.js, the bench's), gets the static ones
  // here; the lean lane sets the same on what it serves (lib/server/lanes/lean-app.ts).
  async headers() {
    const headers = Object.entries(noScriptHeaders).map(([key, value]) => ({ key, value }));
    return ["/api/:path*", "/_next/:path*", "/favicon.ico"].map((source) => ({ source, headers }));
  },
};

export default nextConfig;
