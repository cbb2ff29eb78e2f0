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
    await request.clone().formData();
    return false;
  } catch {
    return true;
  }
}
