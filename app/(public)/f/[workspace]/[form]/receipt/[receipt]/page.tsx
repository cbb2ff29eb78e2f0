import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ReceiptView } from "@/components/opt-in/receipt-view";
import { findOpenConfirmationForCommand } from "@/lib/confirmations/codes";
import { firstParam, loadReceiptPage } from "@/lib/public-pages/pages";
import { getDb } from "@/lib/server/app-database";
import { findPreferenceLink } from "@/lib/preferences/tokens";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ workspace: string; form: string; receipt: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

async function load({ params, searchParams }: Props) {
  const { workspace, form, receipt } = await params;
  const query = await searchParams;
  const page = await loadReceiptPage(workspace, receipt, firstParam(query.lang));
  return { workspace, form, receipt, token: firstParam(query.t), page };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { page } = await load(props);
  return { title: { absolute: page ? page.messages.receipt.title : "Not found" }, robots: { index: false }, referrer: "same-origin" };
}

export default async function ReceiptPage(props: Props) {
  const { workspace, form, receipt, token, page } = await load(props);
  if (!page) notFound();
  const db = await getDb();
  const { receipt: record, language } = page;
  // The link is shown only when the address carries this contact's live token (see lib/channels/web/opt-in.ts).
  // An erased contact's receipt offers nothing but the record (its links and codes died with the data).
  const erased = record.erasedAt !== null;
  const link = token && !erased ? await findPreferenceLink(db, token) : undefined;
  const preferencesHref = link && link.contactId === record.contactId ? `/p/${token}?lang=${encodeURIComponent(language)}` : null;
  const code =
    !erased && record.content?.askConfirmation && record.whatsappNumber
      ? await findOpenConfirmationForCommand(db, record.workspaceId, record.commandId)
      : undefined;
  const confirmHref =
    code && record.whatsappNumber
      ? `https://wa.me/${record.whatsappNumber.replace(/\D/g, "")}?text=${encodeURIComponent(page.messages.receipt.confirmMessage(record.businessName, code.code))}`
      : null;
  const self = `/f/${encodeURIComponent(workspace)}/${encodeURIComponent(form)}/receipt/${receipt}`;
  return (
    <ReceiptView
      receipt={record}
      language={language}
      available={page.available}
      messages={page.messages}
      brandColor={record.brandColor}
      hrefFor={(lang) => `${self}?${new URLSearchParams({ lang, ...(preferencesHref && token ? { t: token } : {}) })}`}
      preferencesHref={preferencesHref}
      confirmHref={confirmHref}
    />
  );
}
