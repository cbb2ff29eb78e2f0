/**
 * What a browser sends when a person submits the hosted opt-in form with JavaScript off: the form's hidden
 * fields as the server rendered them (the server action's reference and bound arguments, the submission id, the
 * language) plus what the person filled in, as multipart/form-data to the page's own URL, with the page's origin.
 * The bench reads the fields from the real page once, then gives each submission its own submission id, number
 * and client address (the app takes the client IP from the proxy's X-Forwarded-For, lib/server/request-meta.ts),
 * as distinct visitors would: the per-IP and per-number limits then apply as to real traffic.
 */
export type HostedForm = { url: string; origin: string; hidden: [string, string][] };

const entities: Record<string, string> = { "&quot;": '"', "&amp;": "&", "&#x27;": "'", "&#39;": "'", "&lt;": "<", "&gt;": ">" };
const decode = (s: string) => s.replace(/&(quot|amp|#x27|#39|lt|gt);/g, (m) => entities[m]!);

function attribute(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name.replace(/[$]/g, "\\$&")}="([^"]*)"`).exec(tag);
  return m ? decode(m[1]!) : undefined;
}

/** The hidden inputs of the page's form that carries `submissionId`. */
export function hiddenFields(html: string): [string, string][] {
  const form = /<form[^>]*>[\s\S]*?<\/form>/g;
  for (const match of html.matchAll(form)) {
    if (!match[0].includes('name="submissionId"')) continue;
    const fields: [string, string][] = [];
    for (const input of match[0].matchAll(/<input[^>]*>/g)) {
      if (attribute(input[0], "type") !== "hidden") continue;
      const name = attribute(input[0], "name");
      if (name) fields.push([name, attribute(input[0], "value") ?? ""]);
    }
    return fields;
  }
  throw new Error("no opt-in form on the page");
}

export async function loadHostedForm(url: string): Promise<HostedForm> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return { url, origin: new URL(url).origin, hidden: hiddenFields(await res.text()) };
}

/** One submission by visitor `n`: opts in to two categories; resolves when the server redirects to the receipt. */
export async function submitHostedForm(form: HostedForm, n: number): Promise<void> {
  const body = new FormData();
  for (const [name, value] of form.hidden) body.append(name, name === "submissionId" ? crypto.randomUUID() : value);
  body.append("country", "US");
  body.append("phone", `(212) ${String(300 + (Math.floor(n / 10_000) % 700)).padStart(3, "0")}-${String(n % 10_000).padStart(4, "0")}`);
  body.append("categories", "offers");
  body.append("categories", "tips");
  const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  const res = await fetch(form.url, {
    method: "POST",
    body,
    redirect: "manual",
    headers: { origin: form.origin, "x-forwarded-for": ip, "user-agent": "Mozilla/5.0 (Linux; Android 10) bench" },
  });
  await res.arrayBuffer();
  const location = res.headers.get("location") ?? "";
  if (res.status !== 303 || !location.includes("/receipt/")) throw new Error(`the form submission answered ${res.status} ${location}`);
}
