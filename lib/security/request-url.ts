/**
 * Why a request's address cannot be served, or null. Next.js answers a path segment whose percent-escapes do not
 * decode (`/p/%`, `/f/%E0%A4%A`) with a 500 (vercel/next.js#92527), and a NUL (`%00`) anywhere in the path or
 * query would reach PostgreSQL, which cannot compare text containing one. Neither is a valid address of
 * anything here, so proxy.ts answers 400 before Next.js routes the request.
 */
export function unservableAddress(pathname: string, search: string): string | null {
  for (const segment of pathname.split("/")) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return "The address has a malformed percent-escape.";
    }
    if (decoded.includes("\u0000")) return "The address contains a NUL character.";
  }
  if (/%00/i.test(search) || search.includes("\u0000")) return "The address contains a NUL character.";
  return null;
}
