/**
 * The security headers of every page, set per request by proxy.ts. The Content-Security-Policy is strict for
 * scripts: Next.js inlines its bootstrap scripts, so each response gets a fresh nonce that Next.js stamps on
 * them, and 'strict-dynamic' lets those scripts load the app's chunks; nothing else runs (no inline event
 * handlers, no injected <script>). Styles may be inline: React renders style attributes (brand colours), which
 * a nonce cannot cover, and styles cannot run code. Images may come from any https: site, since a workspace's
 * logo is an address its admin gives.
 */
export type FramePolicy = { kind: "none" } | { kind: "self" } | { kind: "sites"; sources: readonly string[] };

export type SecurityHeaderOptions = {
  nonce: string;
  frame: FramePolicy;
  /** Development needs eval for React's debugging and a websocket for hot reload. */
  development: boolean;
  /** HSTS only on HTTPS in production: on plain HTTP browsers ignore it, and locally it would pin localhost to HTTPS. */
  strictTransport: boolean;
};

export const permissionsPolicy =
  "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), fullscreen=(self), geolocation=(), gyroscope=(), " +
  "magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), usb=(), browsing-topics=()";

/**
 * The headers of every response that runs no script and renders no page: the API, the webhooks, built assets.
 * Nothing of it may be framed, sniffed as another type, or load anything. Static, so next.config.ts can set them
 * on what Next.js serves, and the lean lane (lib/server/lanes/lean-app.ts) on what it serves.
 */
export const noScriptHeaders: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": permissionsPolicy,
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  "X-Frame-Options": "DENY",
};

export function frameAncestors(frame: FramePolicy): string {
  if (frame.kind === "none") return "'none'";
  if (frame.kind === "self") return "'self'";
  return frame.sources.length > 0 ? frame.sources.join(" ") : "'none'";
}

export function contentSecurityPolicy(options: Pick<SecurityHeaderOptions, "nonce" | "frame" | "development">): string {
  const script = ["'self'", `'nonce-${options.nonce}'`, "'strict-dynamic'", ...(options.development ? ["'unsafe-eval'"] : [])];
  return [
    "default-src 'self'",
    `script-src ${script.join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    `connect-src 'self'${options.development ? " ws: wss:" : ""}`,
    "media-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    `frame-ancestors ${frameAncestors(options.frame)}`,
  ].join("; ");
}

/** Response headers for a page. X-Frame-Options only where it can say the same as frame-ancestors. */
export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "Permissions-Policy": permissionsPolicy,
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
  };
  const frame = frameAncestors(options.frame);
  if (frame === "'none'") headers["X-Frame-Options"] = "DENY";
  else if (frame === "'self'") headers["X-Frame-Options"] = "SAMEORIGIN";
  if (options.strictTransport) headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains";
  return headers;
}

/** 16 random bytes, base64: unguessable per response, as CSP nonces must be. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}
