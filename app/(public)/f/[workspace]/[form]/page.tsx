import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { OptInPage } from "@/components/opt-in/opt-in-page";
import { firstParam, loadFormPage } from "@/lib/public-pages/pages";
import { preferredRegion } from "@/lib/i18n/negotiate";
import { startingCountry } from "@/lib/phone/countries";
import { countFormView } from "@/lib/quality/form-views";
import type { OptInFormState } from "@/lib/channels/web/opt-in.validation";
import { readRefusalCookie } from "@/lib/channels/web/refusal-cookie";
import { refusalCookieName, refusedNotice } from "@/lib/channels/web/refusal-cookie-name";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ workspace: string; form: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

async function load({ params, searchParams }: Props) {
  const { workspace, form } = await params;
  const query = await searchParams;
  const page = await loadFormPage(workspace, form, firstParam(query.lang));
  return { workspace, form, page, notice: firstParam(query.notice) };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { page } = await load(props);
  if (!page) return { title: "Not found", robots: { index: false } };
  return { title: { absolute: page.form.version.content.languages[page.language]!.headline }, robots: { index: false } };
}

export default async function HostedFormPage(props: Props) {
  const { workspace, form, page, notice } = await load(props);
  if (!page) notFound();
  // In memory, flushed by the quality worker: no write, no cookie, nothing about the visitor (lib/quality/form-views.ts).
  countFormView(page.form.workspace.id, page.form.form.id);
  const base = `/f/${encodeURIComponent(workspace)}/${encodeURIComponent(form)}`;
  // A refusal of a post without JavaScript, sent back by post/redirect/get (proxy.ts clears the cookie as it is
  // read). A browser that dropped the cookie (third-party cookies blocked in a frame) is still told plainly.
  const notRecorded = page.messages.errors.notRecorded;
  const refusal: OptInFormState | undefined =
    readRefusalCookie((await cookies()).get(refusalCookieName)?.value, base) ??
    (notice === refusedNotice
      ? { message: notRecorded, fields: { form: notRecorded }, values: { phone: "", country: "", name: "", categories: [] } }
      : undefined);
  const defaultCountry = startingCountry(page.form.workspace.defaultCountry, preferredRegion(page.acceptLanguage, page.language));
  return (
    <OptInPage
      form={page.form}
      language={page.language}
      available={page.available}
      messages={page.messages}
      defaultCountry={defaultCountry}
      submissionId={randomUUID()}
      action={`${base}/submit`}
      initialState={refusal && { ...refusal, values: { ...refusal.values, country: refusal.values.country || defaultCountry } }}
      hrefFor={(language) => `${base}?lang=${encodeURIComponent(language)}`}
    />
  );
}
