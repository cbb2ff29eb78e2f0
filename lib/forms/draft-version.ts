import "server-only";
import type { FormVersionContent } from "../db/schema/form-content";
import { formVersionContentSchema } from "../db/schema/form-content";
import { keywordChannel } from "./channels";
import { formVersionDigest } from "./content";

/** What publishing needs to know besides the draft: the form's channel and keyword, and the workspace as it is now. */
export type DraftVersionContext = { channel: string; formKeyword: string | null; businessName: string; activeCategoryKeys: readonly string[] };

/**
 * The version a draft would publish as. The version holds only what the page shows: the chosen categories that
 * are still offered, and the business name as it is now.
 */
export function versionContentFromDraft(draft: FormVersionContent, ctx: DraftVersionContext): FormVersionContent {
  const { keyword: _draftKeyword, ivrKeys, webPage, ...draftRest } = draft;
  // A draft from before keywords were part of the wording carries the form's own.
  const keyword = keywordChannel(ctx.channel) ? (draft.keyword ?? ctx.formKeyword ?? undefined) : undefined;
  return {
    ...draftRest,
    ...(keyword ? { keyword } : {}),
    ...(keywordChannel(ctx.channel) && webPage ? { webPage } : {}),
    ...(ctx.channel === "ivr" && ivrKeys ? { ivrKeys: Object.fromEntries(draft.categoryKeys.map((k) => [k, ivrKeys[k] ?? ""])) } : {}),
    businessName: ctx.businessName,
    categoryKeys: draft.categoryKeys.filter((k) => ctx.activeCategoryKeys.includes(k)),
    languages: Object.fromEntries(
      Object.entries(draft.languages).map(([lang, { replyIntro, replyOutro, ...w }]) => [
        lang,
        {
          ...w,
          // Kept only when written: a version without them keeps the digest it had before they existed.
          ...(replyIntro?.trim() ? { replyIntro } : {}),
          ...(replyOutro?.trim() ? { replyOutro } : {}),
          benefits: w.benefits.filter((b) => b.trim()),
          consent: Object.fromEntries(draft.categoryKeys.map((k) => [k, w.consent[k] ?? ""])),
          categories: Object.fromEntries(draft.categoryKeys.map((k) => [k, w.categories?.[k] ?? { label: "", description: "", example: "", frequency: "" }])),
        },
      ]),
    ),
  };
}

/** The digest a version of this content would carry, or null while it could not be published (incomplete). */
export function publishableDigest(content: FormVersionContent): string | null {
  const parsed = formVersionContentSchema.safeParse(content);
  return parsed.success ? formVersionDigest(parsed.data) : null;
}

/**
 * The live version's number when publishing this draft would make a version identical to it (same digest),
 * else null. The builder shows it before the marketer clicks; publishFormVersion refuses such a publish.
 */
export function unchangedSince(
  draft: FormVersionContent,
  ctx: DraftVersionContext,
  live: { version: number; digest: string } | null | undefined,
): number | null {
  if (!live) return null;
  return publishableDigest(versionContentFromDraft(draft, ctx)) === live.digest ? live.version : null;
}
