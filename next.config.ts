import type { NextConfig } from "next";
import { permissionsPolicy } from "./lib/security/headers";

const nextConfig: NextConfig = {
  // Only e2e/specs/deploy-skew.spec.ts sets this: a second build of the same commit beside the first, to show a page
  // from one build is still accepted by another. Kept under .next/ so git and the type check ignore it.
  ...(process.env.ASSENT_DIST_DIR ? { distDir: process.env.ASSENT_DIST_DIR } : {}),
  // PGlite ships WebAssembly and data files it loads from its own package folder; bundling it breaks those paths.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "qrcode"],
  poweredByHeader: false,
  // forbidden() gives a role without a permission a real 403 page instead of a redirect or a bare error.
  experimental: { authInterrupts: true },
  // Pages get their security headers from proxy.ts, per request (the CSP carries a fresh nonce). What proxy.ts does
  // not see, the API and built assets, gets the static ones here: nothing of it may be framed or sniffed.
  async headers() {
    const headers = [
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
      { key: "Permissions-Policy", value: permissionsPolicy },
      { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" },
      { key: "X-Frame-Options", value: "DENY" },
    ];
    return ["/api/:path*", "/_next/:path*", "/favicon.ico"].map((source) => ({ source, headers }));
  },
};

export default nextConfig;
