import "server-only";
import type { DbOrTx } from "../db/client";
import type { forms, formVersions } from "../db/schema/forms";
import { findUnprintableScript } from "../exports/printable-script";
import { embedSnippet } from "./embed-snippet";
import { frameAncestorSources } from "./frame-ancestors";
import { keywordChannel } from "./channels";
import { keywordShare, type KeywordShare } from "./keyword-share";
import { formPublicUrl } from "./public-url";
import { hasWebPage } from "./web-page";

type FormRow = { form: typeof forms.$inferSelect; live: typeof formVersions.$inferSelect | null };

/** Everything the share panel offers for one form, worked out on the server so the panel only lays it out. */
export type FormShare = {
  name: string;
  published: boolean;
  /** False for a keyword form without a web page: no link, web QR code or embed then, only `keyword`. */
  webPage: boolean;
  /** For a published SMS or WhatsApp keyword form: what to send, where, its link and QR code. */
  keyword: KeywordShare | null;
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

export async function formShare(db: DbOrTx, workspace: { id: string; slug: string }, { form, live }: FormRow): Promise<FormShare> {
  const workspaceSlug = workspace.slug;
  const hosted = `/f/${encodeURIComponent(workspaceSlug)}/${encodeURIComponent(form.slug)}`;
  const dashboard = `/${encodeURIComponent(workspaceSlug)}/forms/${form.id}`;
  const publicUrl = formPublicUrl(workspaceSlug, form.slug);
  const content = live?.content;
  const languages = Object.entries(content?.languages ?? {}).map(([code, w]) => {
    const script = findUnprintableScript([w.headline, w.intro ?? "", w.howToStop, ...Object.values(w.consent)]);
    return { code, name: names.of(code) ?? code, unprintable: script ? `${script} script cannot be printed yet` : null };
  });
  const published = form.status === "published" && !!live;
  const keyword = content?.keyword ?? form.keyword;
  return {
    name: form.name,
    published,
    webPage: !content || hasWebPage(form.channel, content),
    keyword:
      published && content && keyword && keywordChannel(form.channel)
        ? await keywordShare(db, workspace, { slug: form.slug, channel: form.channel, keyword }, content)
        : null,
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
