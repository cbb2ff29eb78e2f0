/**
 * The framing headers of a hosted form page. With no allowed sites it may not be framed at all; with some, the
 * CSP frame-ancestors list names exactly them. X-Frame-Options cannot list sites (ALLOW-FROM is dead), and
 * browsers that know CSP ignore it anyway, so it is sent only as DENY for the no-framing case.
 */
export function framingHeaders(embedDomains: readonly string[]): Record<string, string> {
  const sources = frameAncestorSources(embedDomains);
  if (sources.length === 0) return { "Content-Security-Policy": "frame-ancestors 'none'", "X-Frame-Options": "DENY" };
  return { "Content-Security-Policy": `frame-ancestors ${sources.join(" ")}` };
}

// An origin and nothing else: scheme, host (optionally a leading *. wildcard), optional port. Anything that
// could break out of the header value (spaces, ";", quotes, a path) is not an origin and is dropped.
const origin = /^https?:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/;

/** The stored sites as CSP source expressions, deduplicated; invalid entries are left out, never passed through. */
export function frameAncestorSources(embedDomains: readonly string[]): string[] {
  const out = new Set<string>();
  for (const raw of embedDomains) {
    const value = raw.trim().toLowerCase().replace(/\/$/, "");
    if (origin.test(value)) out.add(value);
  }
  return [...out];
}
