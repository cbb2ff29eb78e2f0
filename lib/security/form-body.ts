/**
 * Whether a POST to a page carries a form body that cannot be read. Next.js parses a server action's multipart
 * or urlencoded body itself and answers one it cannot parse (no boundary, never terminated, a part without a
 * name) with a 500; proxy.ts checks it first and answers 400. Forms here are a few short fields, so parsing them
 * once more costs little.
 */
export async function unreadableFormBody(request: Request): Promise<boolean> {
  if (request.method !== "POST") return false;
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (!type.startsWith("multipart/form-data") && !type.startsWith("application/x-www-form-urlencoded")) return false;
  try {
    if (type.startsWith("multipart/form-data")) {
      const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(request.headers.get("content-type") ?? "");
      const body = Buffer.from(await request.clone().arrayBuffer()).toString("latin1");
      if (!boundary || malformedPartHeaders(body, boundary[1] ?? boundary[2]!)) return true;
    }
    await request.clone().formData();
    return false;
  } catch {
    return true;
  }
}

/** busboy's limit on one part's header block (Next.js parses action bodies with it). */
const MAX_PART_HEADER_BYTES = 16 * 1024;
const headerLine = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+:[\t\x20-\x7e\x80-\xff]*$/;
const continuationLine = /^[ \t][\t\x20-\x7e\x80-\xff]*$/;

/**
 * Whether a part's headers are ones busboy refuses ("Malformed part header", a 500 in Next.js) though the
 * platform's own parser reads them: longer than 16 KiB, or a line that is not `token: visible text`.
 */
export function malformedPartHeaders(body: string, boundary: string): boolean {
  const segments = body.split(`--${boundary}`).slice(1);
  for (const segment of segments) {
    if (segment.startsWith("--")) break;
    const end = segment.indexOf("\r\n\r\n", 2);
    if (end < 0) return true;
    const block = segment.slice(2, end);
    if (block.length + 4 > MAX_PART_HEADER_BYTES) return true;
    if (block.split("\r\n").some((line) => !headerLine.test(line) && !continuationLine.test(line))) return true;
  }
  return false;
}
