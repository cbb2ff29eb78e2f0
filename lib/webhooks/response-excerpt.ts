/** Longest excerpt of a receiver's answer the delivery log keeps. */
export const EXCERPT_CHARS = 200;

/**
 * The start of a receiver's answer as the delivery log may show it: only for a real HTTP answer that succeeded
 * or failed (2xx, 4xx, 5xx; not 1xx or redirects), at most 200 characters, with control, format and
 * separator characters (newlines, escapes, bidi overrides) each run folded into one space, so what a receiver
 * says cannot pass for log lines or page markup around it. Whatever a receiver answers, no more reaches staff.
 */
export function responseExcerpt(statusCode: number, body: Buffer): string | null {
  const kind = Math.floor(statusCode / 100);
  if (kind !== 2 && kind !== 4 && kind !== 5) return null;
  const text = body
    .toString("utf8")
    .replace(/\uFFFD/g, "")
    .replace(/[\p{C}\p{Z}]+/gu, " ")
    .trim();
  const excerpt = Array.from(text).slice(0, EXCERPT_CHARS).join("");
  return excerpt || null;
}
