import "server-only";
import type { forms, formVersions } from "../db/schema/forms";
import { findUnprintableScript } from "../exports/printable-script";
import { embedSnippet } from "./embed-snippet";
import { frameAncestorSources } from "./frame-ancestors";
import { formPublicUrl } from "./public-url";

type FormRow = { form: typeof forms.$inferSelect; live: typeof formVersions.$inferSelect | null };

/** Everything the share panel offers for one form, worked out on the server so the panel only lays it out. */
export type FormShare = {
  name: string;
  published: boolean;
  publicUrl: string;
  qrSvgPath: string;
  qrPngPath: string;
  posterPath: string;
  paperFormPath: string;
  languages: { code: string; name: string; unprintable: string | null }[];
  defaultLanguage: string | null;
  embedSites: string[];
  snippet: string;
};

const names = new Intl.DisplayNames(["en"], { type: "language" });

export function formShare(workspaceSlug: string, { form, live }: FormRow): FormShare {
  const hosted = `/f/${encodeURIComponent(workspaceSlug)}/${encodeURIComponent(form.slug)}`;
  const dashboard = `/${encodeURIComponent(workspaceSlug)}/forms/${form.id}`;
  const publicUrl = formPublicUrl(workspaceSlug, form.slug);
  const content = live?.content;
  const languages = Object.entries(content?.languages ?? {}).map(([code, w]) => {
    const script = findUnprintableScript([w.headline, w.intro ?? "", w.howToStop, ...Object.values(w.consent)]);
    return { code, name: names.of(code) ?? code, unprintable: script ? `${script} script cannot be printed yet` : null };
  });
  return {
    name: form.name,
    published: form.status === "published" && !!live,
    publicUrl,
    qrSvgPath: `${hosted}/qr.svg`,
    qrPngPath: `${hosted}/qr.png`,
    posterPath: `${dashboard}/poster`,
    paperFormPath: `${dashboard}/paper-form`,
    languages,
    defaultLanguage: content?.defaultLanguage ?? null,
    embedSites: frameAncestorSources(form.embedDomains),
    snippet: embedSnippet(publicUrl, content ? `${content.businessName} on WhatsApp` : form.name),
  };
}
