/**
 * What a browser sends when a person submits the hosted opt-in form with JavaScript off: the form's hidden
 * fields as the server rendered them (the submission id, the language, and whatever else the form carries) plus what
 * the person filled in, urlencoded to the form's action, with the page's origin.
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

/** The address the page's opt-in form posts to: its action, or the page itself when it names none. */
export function formAction(html: string, pageUrl: string): string {
  for (const match of html.matchAll(/<form[^>]*>/g)) {
    const rest = html.slice(match.index!, html.indexOf("</form>", match.index!));
    if (!rest.includes('name="submissionId"')) continue;
    const action = attribute(match[0], "action");
    return action ? new URL(action, pageUrl).toString() : pageUrl;
  }
  throw new Error("no opt-in form on the page");
}

export async function loadHostedForm(url: string): Promise<HostedForm> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  const html = await res.text();
  return { url: formAction(html, url), origin: new URL(url).origin, hidden: hiddenFields(html) };
}

/**
 * Visitor `n`'s submission as the browser sends it with JavaScript off: the form's fields urlencoded (the hosted
 * form names no enctype), opting in to two categories, from its own client address.
 */
export function hostedFormPost(form: HostedForm, n: number): { url: string; init: RequestInit } {
  const body = new URLSearchParams();
  for (const [name, value] of form.hidden) body.append(name, name === "submissionId" ? crypto.randomUUID() : value);
  body.append("country", "US");
  body.append("phone", `(212) ${String(300 + (Math.floor(n / 10_000) % 700)).padStart(3, "0")}-${String(n % 10_000).padStart(4, "0")}`);
  body.append("categories", "offers");
  body.append("categories", "tips");
  const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  return {
    url: form.url,
    init: {
      method: "POST",
      body: body.toString(),
      redirect: "manual",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: form.origin,
        "x-forwarded-for": ip,
        "user-agent": "Mozilla/5.0 (Linux; Android 10) bench",
      },
    },
  };
}

/** Whether the server took a submission: it redirects to the receipt. */
export async function formSubmitted(res: Response): Promise<void> {
  await res.arrayBuffer();
  const location = res.headers.get("location") ?? "";
  if (res.status !== 303 || !location.includes("/receipt/")) throw new Error(`the form submission answered ${res.status} ${location}`);
}

/** One submission by visitor `n`, built and sent. */
export async function submitHostedForm(form: HostedForm, n: number): Promise<void> {
  const post = hostedFormPost(form, n);
  await formSubmitted(await fetch(post.url, post.init));
}
