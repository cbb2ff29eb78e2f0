import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatUtc } from "@/components/contacts/contacts-table";
import { VersionChanges } from "@/components/forms/version-changes";
import { EmptyState } from "@/components/ui/empty-state";
import { requireWorkspacePage } from "@/lib/auth/page-guards";
import { getDb } from "@/lib/server/app-database";
import { findBuilderForm, listFormVersions } from "@/lib/forms/builder.queries";
import { describeVersionChanges } from "@/lib/forms/version-diff-labels";
import { fieldLabel, translationDrift } from "@/lib/forms/translation-drift";
import { formLanguageNames, isFormLanguage } from "@/lib/forms/languages";
import { listAllCategories } from "@/lib/categories/queries";

export const metadata: Metadata = { title: "Form versions" };

type Props = { params: Promise<{ workspace: string; form: string }> };

/** Every published version of a form, newest first, with what changed from the one before and its evidence. */
export default async function FormVersionsPage({ params }: Props) {
  const { workspace: slug, form: formId } = await params;
  const actor = await requireWorkspacePage(slug, "forms:read", `/${slug}/forms/${formId}/versions`);
  const db = await getDb();
  const found = await findBuilderForm(db, actor.workspace.id, formId);
  if (!found) notFound();
  const versions = await listFormVersions(db, actor.workspace.id, formId);
  const categories = await listAllCategories(db, actor.workspace.id);
  const label = (key: string) => categories.find((c) => c.key === key)?.label ?? key;
  const langName = (l: string) => (isFormLanguage(l) ? formLanguageNames[l] : l);
  return (
    <div className="max-w-5xl space-y-6">
      <div>
        <p className="text-sm text-slate-500">
          <Link href={`/${slug}/forms/${formId}`} className="underline hover:no-underline">
            {found.form.name}
          </Link>
        </p>
        <h1 className="text-2xl font-semibold text-slate-900">Versions</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Each version is frozen when published: consents point at the version they were given under, and its digest is committed in the ledger. The page as it
          was rendered is kept per language.
        </p>
      </div>
      {versions.length === 0 && (
        <EmptyState>Nothing published yet. Open the form, write its wording and publish it: each publish is kept here as a version.</EmptyState>
      )}
      <ol className="space-y-4">
        {versions.map((v, i) => {
          const previous = versions[i + 1]?.version.content ?? null;
          const changes = describeVersionChanges(previous, v.version.content, { category: label, language: langName });
          const drift = translationDrift(previous, v.version.content, v.version.translationChecks);
          const live = found.form.currentVersionId === v.version.id;
          return (
            <li key={v.version.id} className="space-y-3 rounded-xl border border-slate-200 bg-white p-5">
              <div className="flex flex-wrap items-center gap-2">
                <h2 className="text-lg font-semibold text-slate-900">Version {v.version.version}</h2>
                {live && <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800">Live</span>}
              </div>
              <p className="text-sm text-slate-600">
                Published {formatUtc(v.version.publishedAt)}
                {v.publishedBy && ` by ${v.publishedBy}`} · id <code className="font-mono text-xs">{v.version.id}</code> · digest{" "}
                <code className="break-all font-mono text-xs">{v.version.digest}</code>
              </p>
              <p className="text-sm text-slate-700">
                Page snapshots:{" "}
                {v.snapshots.length === 0
                  ? "none kept"
                  : v.snapshots.map((s, j) => (
                      <span key={s.language}>
                        {j > 0 && ", "}
                        <a
                          href={`/${slug}/forms/${formId}/versions/${v.version.id}/snapshot?lang=${encodeURIComponent(s.language)}`}
                          className="text-brand-800 underline hover:no-underline"
                          title={`SHA-256 ${s.sha256}`}
                        >
                          {s.language}
                        </a>
                      </span>
                    ))}
                {v.snapshots.length > 0 && (
                  <span className="text-slate-500">
                    {" "}
                    (shown marked as a kept copy; the exact kept file:{" "}
                    {v.snapshots.map((s, j) => (
                      <span key={s.language}>
                        {j > 0 && ", "}
                        <a
                          href={`/${slug}/forms/${formId}/versions/${v.version.id}/snapshot?lang=${encodeURIComponent(s.language)}&original=1`}
                          className="text-brand-800 underline hover:no-underline"
                          aria-label={`Download the exact kept file, ${s.language}`}
                        >
                          {s.language}
                        </a>
                      </span>
                    ))}
                    )
                  </span>
                )}
              </p>
              <details open={i === 0} className="text-sm">
                <summary className="cursor-pointer font-medium text-brand-800">
                  {previous
                    ? `${changes.length} ${changes.length === 1 ? "change" : "changes"} from version ${v.version.version - 1}`
                    : "First version: everything it says"}
                </summary>
                <VersionChanges changes={changes} first={!previous} />
              </details>
              {drift.length > 0 && (
                <div className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-950">
                  <p className="font-medium">Left as they were while another language changed:</p>
                  <ul className="mt-1 list-disc space-y-0.5 pl-5">
                    {drift.map((d) => (
                      <li key={`${d.language}:${d.field}`}>
                        {langName(d.language)}, {fieldLabel(d.field, label)} (changed in {d.changedIn.map(langName).join(" and ")}):{" "}
                        {d.confirmed ? (
                          <span className="text-emerald-800">confirmed still right before publishing</span>
                        ) : (
                          <span className="font-medium">not checked</span>
                        )}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
