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
