import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OptInPage } from "@/components/opt-in/opt-in-page";
import { firstParam, loadFormPage } from "@/lib/public-pages/pages";
import { preferredRegion } from "@/lib/i18n/negotiate";
import { startingCountry } from "@/lib/phone/countries";
import { countFormView } from "@/lib/quality/form-views";
import { submitOptIn } from "./actions";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ workspace: string; form: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

async function load({ params, searchParams }: Props) {
  const { workspace, form } = await params;
  const page = await loadFormPage(workspace, form, firstParam((await searchParams).lang));
  return { workspace, form, page };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { page } = await load(props);
  if (!page) return { title: "Not found", robots: { index: false } };
  return { title: { absolute: page.form.version.content.languages[page.language]!.headline }, robots: { index: false } };
}

export default async function HostedFormPage(props: Props) {
  const { workspace, form, page } = await load(props);
  if (!page) notFound();
  // In memory, flushed by the quality worker: no write, no cookie, nothing about the visitor (lib/quality/form-views.ts).
  countFormView(page.form.workspace.id, page.form.form.id);
  const base = `/f/${encodeURIComponent(workspace)}/${encodeURIComponent(form)}`;
  return (
    <OptInPage
      form={page.form}
      language={page.language}
      available={page.available}
      messages={page.messages}
      defaultCountry={startingCountry(page.form.workspace.defaultCountry, preferredRegion(page.acceptLanguage, page.language))}
      submissionId={randomUUID()}
      action={submitOptIn.bind(null, workspace, form)}
      hrefFor={(language) => `${base}?lang=${encodeURIComponent(language)}`}
    />
  );
}
