import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FormBuilder } from "@/components/forms/form-builder";
import { ActionButton } from "@/components/ui/action-button";
import { requireWorkspacePage } from "@/lib/auth/page-guards";
import { can } from "@/lib/auth/permissions";
import { whatsappCanReply } from "@/lib/channels/settings";
import { getDb } from "@/lib/server/app-database";
import { listAllCategories, listFormLanguages } from "@/lib/categories/queries";
import { categoryTranslations } from "@/lib/categories/translated-names";
import { findBuilderForm } from "@/lib/forms/builder.queries";
import { formChannelLabels, keywordChannel } from "@/lib/forms/channels";
import { keywordBusinessNumber } from "@/lib/forms/business-numbers";
import { hasWebPage } from "@/lib/forms/web-page";
import { unchangedSince } from "@/lib/forms/draft-version";
import { archiveAction, publishAction, restoreAction, saveDraftAction } from "../actions";

export const metadata: Metadata = { title: "Form builder" };

type Props = { params: Promise<{ workspace: string; form: string }> };

export default async function FormBuilderPage({ params }: Props) {
  const { workspace: slug, form: formId } = await params;
  const actor = await requireWorkspacePage(slug, "forms:read", `/${slug}/forms/${formId}`);
  const db = await getDb();
  const found = await findBuilderForm(db, actor.workspace.id, formId);
  if (!found) notFound();
  const { form, live } = found;
  const saved = form.draft?.content ?? live?.content;
  // Drafts made before the keyword was part of the wording start from the form's keyword.
  const content = saved && form.keyword && !saved.keyword ? { ...saved, keyword: form.keyword } : saved;
  if (!content) notFound();
  const categories = (await listAllCategories(db, actor.workspace.id))
    .filter((c) => !c.retiredAt)
    .map(({ key, label, description, example, frequency }) => ({ key, label, description, example, frequency }));
  const translations = categoryTranslations(await listFormLanguages(db, actor.workspace.id));
  const canBuild = can(actor.role, "forms:manage");
  const canReply = form.channel === "whatsapp" ? await whatsappCanReply(db, actor.workspace.id) : true;
  const archived = form.status === "archived";
  const publicPath = `/f/${slug}/${form.slug}`;
  const channel = form.channel;
  const businessNumber = keywordChannel(channel) ? await keywordBusinessNumber(db, actor.workspace.id, slug, channel) : undefined;
  // A keyword form without a web page is reached by its keyword; its address only says what to send.
  const webPage = hasWebPage(channel, live?.content ?? content);
  const reachedBy =
    channel === "ivr"
      ? "people hear it on your phone line"
      : `people send ${live?.content.keyword ?? content.keyword ?? "the keyword"} to ${businessNumber?.number ?? "your number"}`;
  const liveNow = live ? `Version ${live.version} is live` : "Not published yet";
  const whereItLives = archived
    ? "Archived: its page answers not-found."
    : !webPage
      ? `${liveNow}: ${reachedBy}. No web page.`
      : live
        ? `${liveNow} at `
        : "Not published yet. It will live at ";
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-sm text-slate-500">
            <Link href={`/${slug}/forms`} className="underline hover:no-underline">
              Forms
            </Link>{" "}
            · {formChannelLabels[form.channel].label}
          </p>
          <h1 className="text-2xl font-semibold text-slate-900">{form.name}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {whereItLives}
            {!archived && webPage && (
              <span className="font-mono text-slate-800">
                {form.status === "published" ? (
                  <a href={publicPath} target="_blank" rel="noopener" className="text-brand-800 underline hover:no-underline">
                    {publicPath}
                  </a>
                ) : (
                  publicPath
                )}
              </span>
            )}
          </p>
        </div>
        <div className="flex flex-wrap items-start gap-2">
          <Link
            href={`/${slug}/forms/${form.id}/versions`}
            className="rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50"
          >
            Versions
          </Link>
          {live && form.channel === "web" && (
            <Link
              href={`/${slug}/forms/${form.id}/share`}
              className="rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50"
            >
              Share, QR and print
            </Link>
          )}
          {canBuild && (
            <ActionButton
              action={archived ? restoreAction : archiveAction}
              fields={{ workspace: slug, formId: form.id }}
              label={archived ? "Restore" : "Archive"}
              pendingLabel={archived ? "Restoring…" : "Archiving…"}
            />
          )}
        </div>
      </div>
      <FormBuilder
        workspace={slug}
        formId={form.id}
        channel={form.channel}
        businessName={actor.workspace.businessName}
        brandColor={actor.workspace.brandColor}
        canReply={canReply}
        whatsappNumber={actor.workspace.whatsappNumber}
        liveKeyword={live ? form.keyword : null}
        businessNumber={businessNumber}
        liveVersionId={live?.id ?? null}
        unchangedSince={unchangedSince(
          content,
          { channel: form.channel, formKeyword: form.keyword, businessName: actor.workspace.businessName, activeCategoryKeys: categories.map((c) => c.key) },
          live,
        )}
        categories={categories}
        translations={translations}
        live={live ? { version: live.version, content: live.content } : null}
        initial={{ name: form.name, embedDomains: form.embedDomains, content, translationChecks: form.draft?.translationChecks ?? [] }}
        save={saveDraftAction}
        publish={publishAction}
        readOnly={!canBuild || archived}
      />
    </div>
  );
}
