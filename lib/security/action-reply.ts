/**
 * Whether a server-action call (a POST with a Next-Action header) carries arguments React cannot decode. React's
 * client sends the arguments as a JSON array (the text body, or the multipart field "0") whose "$<id>"-style
 * strings refer to other parts of the same body. Next.js answers arguments that are not an array, or that refer
 * to a part that is not there, with a 500 (React throws while decoding, before any app code runs); proxy.ts
 * checks both first and answers 400. A real client's request always passes: its references point at the parts
 * it sent.
 */
export async function undecodableActionArguments(request: Request): Promise<boolean> {
  if (request.method !== "POST") return false;
  const actionId = request.headers.get("next-action");
  if (actionId === null) return undecodableFormAction(request);
  // Next.js's ids are hex; any other header value makes it throw (500) rather than answer "not found".
  if (!/^[0-9a-f]{2,128}$/i.test(actionId)) return true;
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  let root: string;
  let parts: Set<string>;
  try {
    if (type.startsWith("multipart/form-data")) {
      const form = await request.clone().formData();
      const first = form.get("0");
      // An action called with FormData alone sends no "0" part: the whole form is its one argument.
      if (first === null) return false;
      if (typeof first !== "string") return true;
      root = first;
      parts = new Set(form.keys());
    } else {
      root = await request.clone().text();
      parts = new Set();
    }
  } catch {
    return true;
  }
  let args: unknown;
  try {
    args = JSON.parse(root);
  } catch {
    return true;
  }
  return !Array.isArray(args) || args.length > MAX_ARGUMENTS || hasDanglingReference(args, parts);
}

/** Next.js throws (a 500) on more arguments than this (SERVER_ACTION_ARGS_LIMIT); no form of ours sends more than three. */
const MAX_ARGUMENTS = 1000;

/**
 * The same for a form posted without JavaScript: React names the action in "$ACTION_REF_<n>" with its metadata
 * (JSON with the action id) in "$ACTION_<n>:0" and its bound arguments in "$ACTION_<n>:<k>". Metadata that is
 * missing or not JSON, or bound arguments that are not JSON or refer to parts that are not there, make Next.js
 * answer 500.
 */
async function undecodableFormAction(request: Request): Promise<boolean> {
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (!type.startsWith("multipart/form-data") && !type.startsWith("application/x-www-form-urlencoded")) return false;
  let form: FormData;
  try {
    form = await request.clone().formData();
  } catch {
    return true;
  }
  for (const name of form.keys()) {
    const ref = /^\$ACTION_REF_(.*)$/.exec(name);
    if (!ref) continue;
    const prefix = `$ACTION_${ref[1]}:`;
    const parts = new Map<string, unknown>();
    for (const [key, value] of form.entries()) {
      if (!key.startsWith(prefix)) continue;
      if (typeof value !== "string") return true;
      try {
        parts.set(key.slice(prefix.length), JSON.parse(value));
      } catch {
        return true;
      }
    }
    const meta = parts.get("0") as { id?: unknown; bound?: unknown } | undefined;
    if (!meta || typeof meta !== "object" || typeof meta.id !== "string") return true;
    // The bound arguments, when the metadata promises them, must be a list: Next.js reads their length (a 500).
    const bound = typeof meta.bound === "string" ? /^\$@([0-9a-f]+)$/.exec(meta.bound) : null;
    if (bound && !Array.isArray(parts.get(String(parseInt(bound[1]!, 16))))) return true;
    const names = new Set(parts.keys());
    if ([...parts.values()].some((value) => hasDanglingReference(value, names))) return true;
  }
  return false;
}

/**
 * The "$"-prefixed values React's client sends for what our actions take (a previous state of plain JSON and a
 * FormData): escaped strings ("$$…"), a FormData ("$K<id>", its fields in parts "<id>_…"), undefined, dates,
 * bigints and the special numbers; and references to other parts of the same body, plain ("$<hex>", an outlined
 * value) or as a promise ("$@<hex>", the bound arguments of a form posted without JavaScript), which must exist.
 * Every other prefix (server references, maps, sets, blobs, streams, typed arrays, temporary references) names
 * client-side objects no form of ours sends, and a wrong one makes React's decoder throw or wait for a part that
 * never comes (a 500 either way).
 */
const allowedDollarValue = /^\$(?:\$[\s\S]*|K[0-9a-f]+|undefined|NaN|Infinity|-Infinity|-0|D[\s\S]*|n-?\d+)$/;
const partReference = /^\$@?([0-9a-f]+)(?::|$)/;

/** No form's arguments nest this deep; React's decoder recurses and overflows its stack (a 500) on deeper ones. */
const MAX_DEPTH = 64;

function hasDanglingReference(value: unknown, parts: Set<string>, depth = 0): boolean {
  if (depth > MAX_DEPTH) return true;
  if (typeof value === "string") {
    if (!value.startsWith("$") || allowedDollarValue.test(value)) return false;
    const reference = partReference.exec(value);
    return reference === null || !parts.has(String(parseInt(reference[1]!, 16)));
  }
  if (Array.isArray(value)) return value.some((item) => hasDanglingReference(item, parts, depth + 1));
  if (value && typeof value === "object") return Object.values(value).some((item) => hasDanglingReference(item, parts, depth + 1));
  return false;
}
