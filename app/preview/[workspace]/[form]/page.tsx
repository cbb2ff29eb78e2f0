import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OptInPage } from "@/components/opt-in/opt-in-page";
import { requireWorkspacePage } from "@/lib/auth/page-guards";
import { firstParam } from "@/lib/public-pages/pages";
import { getDb } from "@/lib/server/app-database";
import { loadDraftPreview } from "@/lib/forms/preview";
import { messagesFor } from "@/lib/i18n/languages";
import { negotiateLanguage } from "@/lib/i18n/negotiate";
import { startingCountry } from "@/lib/phone/countries";
import { PREVIEW_NOTHING_RECORDED } from "@/lib/forms/preview.routes";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Preview", robots: { index: false } };

type Props = { params: Promise<{ workspace: string; form: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The builder's preview: the saved draft through the very component that renders the public page, for the
 * builder's frames. Signed-in staff only; its submit posts to a stable address that records nothing, with or
 * without JavaScript.
 */
export default async function FormPreviewPage({ params, searchParams }: Props) {
  const { workspace: slug, form: formId } = await params;
  const actor = await requireWorkspacePage(slug, "forms:read", `/${slug}/forms/${formId}`);
  const form = await loadDraftPreview(await getDb(), actor.workspace.id, formId);
  if (!form) notFound();
  const available = Object.keys(form.version.content.languages);
  if (available.length === 0) notFound();
  const query = await searchParams;
  const language = negotiateLanguage({ requested: firstParam(query.lang), available, fallback: form.version.content.defaultLanguage });
  // Sent back here by the preview's submit without JavaScript (lib/forms/preview.routes.ts).
  const previewed = firstParam(query.previewed) === "1";
  return (
    <OptInPage
      form={form}
      language={language}
      available={available}
      messages={messagesFor(language)}
      defaultCountry={startingCountry(form.workspace.defaultCountry, undefined)}
      submissionId="preview"
      action={`/preview/${encodeURIComponent(slug)}/${encodeURIComponent(formId)}/submit`}
      initialState={
        previewed
          ? { message: PREVIEW_NOTHING_RECORDED, fields: { form: PREVIEW_NOTHING_RECORDED }, values: { phone: "", country: "", name: "", categories: [] } }
          : undefined
      }
      hrefFor={(l) => `/preview/${encodeURIComponent(slug)}/${encodeURIComponent(formId)}?lang=${encodeURIComponent(l)}`}
    />
  );
}
