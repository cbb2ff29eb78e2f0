import type { Metadata } from "next";
import Link from "next/link";
import { RecordPaperForm } from "@/components/paper/record-paper-form";
import { requireWorkspacePage } from "@/lib/auth/page-guards";
import { getDb } from "@/lib/server/app-database";
import { findContact } from "@/lib/contacts/queries";
import { findRecordingContext } from "@/lib/channels/recording-context";
import { scanLimitLabel } from "@/lib/channels/paper/paper.validation";

export const metadata: Metadata = { title: "Record a signed paper form" };

type Props = { params: Promise<{ workspace: string }>; searchParams: Promise<{ contact?: string }> };

export default async function RecordPaperPage({ params, searchParams }: Props) {
  const { workspace: slug } = await params;
  const { contact: contactId } = await searchParams;
  const actor = await requireWorkspacePage(slug, "contacts:record", `/${slug}/contacts/paper`);
  const db = await getDb();
  const [context, contact] = await Promise.all([
    findRecordingContext(db, actor.workspace.id),
    typeof contactId === "string" && /^[0-9a-f-]{36}$/i.test(contactId) ? findContact(db, actor.workspace.id, contactId) : null,
  ]);
  const categories = [...context.categories].filter(([, c]) => !c.retired).map(([key, c]) => ({ key, label: c.label }));
  const versions = [...context.versions.values()].map((v) => ({ id: v.id, label: `${v.formName}, version ${v.version}` }));

  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={contact ? `/${slug}/contacts/${contact.id}` : `/${slug}/contacts`} className="text-brand-800 underline-offset-4 hover:underline">
          ← {contact ? "Contact" : "Contacts"}
        </Link>
      </nav>
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Record a signed paper form</h1>
        <p className="mt-1 text-sm text-slate-600">
          For an opt-in given on a printed form (Forms → Share → Paper form). The scan is kept with its SHA-256, which goes into the ledger event, so the record
          proves which sheet it came from.
        </p>
      </div>
      <div className="rounded-xl border border-slate-200 bg-white p-4 sm:p-6">
        <RecordPaperForm
          workspace={slug}
          categories={categories}
          versions={versions}
          phone={contact?.phone ?? undefined}
          today={new Date().toISOString().slice(0, 10)}
          scanLimit={scanLimitLabel}
        />
      </div>
    </div>
  );
}
