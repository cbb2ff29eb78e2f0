import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships WebAssembly and data files it loads from its own package folder; bundling it breaks those paths.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "qrcode"],
  poweredByHeader: false,
  // forbidden() gives a role without a permission a real 403 page instead of a redirect or a bare error.
  experimental: { authInterrupts: true },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
      {
        // No page may be framed, except hosted forms (/f/…) whose framing headers proxy.ts sets per form, and the
        // form builder's preview (/preview/…), which only the dashboard itself frames.
        source: "/:path((?!f/|preview/).*)",
        headers: [
          { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
      {
        source: "/preview/:path*",
        headers: [
          { key: "Content-Security-Policy", value: "frame-ancestors 'self'" },
          { key: "X-Frame-Options", value: "SAMEORIGIN" },
        ],
      },
    ];
  },
};

export default nextConfig;
