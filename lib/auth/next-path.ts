// A base no real request has: a value that resolves to any other origin is a link off this site.
const base = "http://next-path.invalid";
const longest = 2000;

/**
 * Where to go after sign-in: only a path on this site, so a crafted link cannot bounce a user elsewhere. The
 * value must be a relative path starting with a single "/": "//host", "/\host", a scheme, or control characters
 * and spaces (which browsers drop, turning "/\t/host" into "//host") fall back. The URL parser then has the final
 * word: what it resolves off this origin falls back too.
 */
export function safeNextPath(value: unknown, fallback = "/dashboard"): string {
  if (typeof value !== "string" || value.length > longest) return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (!value.startsWith("/") || value.startsWith("//") || /[\\\u0000-\u0020\u007f]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
