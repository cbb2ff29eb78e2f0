/**
 * Language negotiation for the consumer pages: the URL's ?lang= first, then the browser's Accept-Language,
 * then the form's default. Hand-written (a few lines) rather than a dependency: only the q-value list and a
 * base-language fallback are needed.
 */

export type WeightedTag = { tag: string; q: number };

const tagPattern = /^(?:[a-z]{2,3}(?:-[a-z0-9]{1,8})*|\*)$/i;

/** Parses an Accept-Language header into tags by descending preference; malformed entries are skipped. */
export function parseAcceptLanguage(header: string | null | undefined): WeightedTag[] {
  if (!header) return [];
  return header
    .slice(0, 1000)
    .split(",")
    .map((part, index) => {
      const [rawTag, ...params] = part.trim().split(";");
      const tag = rawTag?.trim() ?? "";
      let q = 1;
      for (const p of params) {
        const m = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(p);
        if (m) q = Number(m[1]);
        else if (/^\s*q\s*=/i.test(p)) q = -1;
      }
      return { tag, q, index };
    })
    .filter((t) => tagPattern.test(t.tag) && t.q > 0 && t.q <= 1)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map(({ tag, q }) => ({ tag, q }));
}

const base = (tag: string) => tag.split("-")[0]!.toLowerCase();

/** The best of `available` for one requested tag: exact (any case), then same base language, or undefined. */
export function matchLanguage(tag: string, available: readonly string[]): string | undefined {
  const lower = tag.toLowerCase();
  return available.find((a) => a.toLowerCase() === lower) ?? available.find((a) => base(a) === base(lower));
}

export type NegotiationInput = {
  /** The URL's ?lang=, if any. */
  requested?: string | null;
  acceptLanguage?: string | null;
  /** The languages this page can be shown in (the form version's). */
  available: readonly string[];
  /** The form's default language; used when nothing else matches. */
  fallback: string;
};

export function negotiateLanguage({ requested, acceptLanguage, available, fallback }: NegotiationInput): string {
  if (requested) {
    const exact = available.find((a) => a.toLowerCase() === requested.toLowerCase());
    if (exact) return exact;
  }
  for (const { tag } of parseAcceptLanguage(acceptLanguage)) {
    if (tag === "*") break;
    const found = matchLanguage(tag, available);
    if (found) return found;
  }
  return available.includes(fallback) ? fallback : (available[0] ?? fallback);
}

/**
 * The region of the browser's preferred language that matches the page language (es-MX → MX), for the
 * phone number's default country. Undefined when the browser names no region for it.
 */
export function preferredRegion(acceptLanguage: string | null | undefined, pageLanguage: string): string | undefined {
  for (const { tag } of parseAcceptLanguage(acceptLanguage)) {
    if (base(tag) !== base(pageLanguage)) continue;
    const region = tag
      .split("-")
      .slice(1)
      .find((part) => /^[a-z]{2}$/i.test(part));
    if (region) return region.toUpperCase();
  }
  return undefined;
}
