import type { FormVersionContent } from "../db/schema/form-content";

export type ContentChange = { path: string; before: string | null; after: string | null };

/** Flattens wording to "languages.es.consent.offers" = text, so two versions compare line by line. */
export function flatten(value: unknown, prefix: string, out: Map<string, string>) {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      flatten(v, `${prefix}[${i}]`, out);
    });
  } else if (typeof value === "object") for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else out.set(prefix, String(value));
}

/** What changed from one version's content to the next: every added, removed or changed text, in path order. */
export function diffVersions(before: FormVersionContent | null, after: FormVersionContent): ContentChange[] {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  if (before) flatten(before, "", a);
  flatten(after, "", b);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paths.flatMap((path) => (a.get(path) === b.get(path) ? [] : [{ path, before: a.get(path) ?? null, after: b.get(path) ?? null }]));
}
