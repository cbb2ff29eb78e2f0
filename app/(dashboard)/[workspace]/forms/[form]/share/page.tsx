import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SharePanel } from "@/components/forms/share-panel";
import { requireWorkspacePage } from "@/lib/auth/page-guards";
import { getDb } from "@/lib/server/app-database";
import { findBuilderForm } from "@/lib/forms/builder.queries";
import { formShare } from "@/lib/forms/share-links";

export const metadata: Metadata = { title: "Share form" };

type Props = { params: Promise<{ workspace: string; form: string }> };

export default async function ShareFormPage({ params }: Props) {
  const { workspace: slug, form: formId } = await params;
  const actor = await requireWorkspacePage(slug, "forms:read", `/${slug}/forms/${formId}/share`);
  const db = await getDb();
  const row = await findBuilderForm(db, actor.workspace.id, formId);
  if (!row) notFound();
  const share = await formShare(db, actor.workspace, row);
  return (
    <div className="max-w-5xl space-y-6">
      <div>
        <p className="text-sm">
          <Link href={`/${slug}/forms/${row.form.id}`} className="font-medium text-brand-800 underline hover:no-underline">
            ← {share.name}
          </Link>
        </p>
        <h1 className="mt-1 text-2xl font-semibold text-slate-900">Share “{share.name}”</h1>
        <p className="mt-1 text-sm text-slate-600">
          {share.webPage
            ? "Put the form where your customers are: a link, a QR code, a poster, a paper form or your own website."
            : "People join by sending the keyword: put what to send, and where, on a sign, a poster or your posts."}
        </p>
      </div>
      <SharePanel share={share} />
    </div>
  );
}
