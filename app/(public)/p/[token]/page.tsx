import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PreferenceCentreView } from "@/components/preferences/preference-centre";
import { firstParam, loadPreferencePage } from "@/lib/public-pages/pages";
import { preferenceNotices, type PreferenceNotice } from "@/lib/preferences/change.validation";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

async function load({ params, searchParams }: Props) {
  const { token } = await params;
  const query = await searchParams;
  return { token, query, page: await loadPreferencePage(token, firstParam(query.lang)) };
}

// The address is a credential: never send it to another site as a referrer. ("no-referrer" would also make
// form posts say Origin: null, which proxy.ts and the submit handler rightly refuse.)
export async function generateMetadata(props: Props): Promise<Metadata> {
  const { page } = await load(props);
  return { title: { absolute: page ? page.messages.preferences.title : "Not found" }, robots: { index: false }, referrer: "same-origin" };
}

export default async function PreferenceCentrePage(props: Props) {
  const { token, query, page } = await load(props);
  if (!page) notFound();
  const notice = firstParam(query.notice);
  return (
    <PreferenceCentreView
      centre={page.centre}
      language={page.language}
      available={page.available}
      messages={page.messages}
      submissionId={randomUUID()}
      notice={preferenceNotices.includes(notice as PreferenceNotice) ? (notice as PreferenceNotice) : undefined}
      action={`/p/${encodeURIComponent(token)}/submit`}
      hrefFor={(language) => `/p/${encodeURIComponent(token)}?lang=${encodeURIComponent(language)}`}
    />
  );
}
