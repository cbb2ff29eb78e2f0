"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { submitWebOptIn } from "@/lib/channels/web";
import type { OptInFormState } from "@/lib/channels/web.validation";
import { getDb } from "@/lib/db/app-db";
import { findPublishedForm } from "@/lib/data/forms";
import { messagesFor } from "@/lib/i18n/languages";
import { requestMetaFrom } from "@/lib/server/request-meta";
import { publicBaseUrl } from "@/lib/server/start";

export async function submitOptIn(workspaceSlug: string, formSlug: string, previous: OptInFormState, data: FormData): Promise<OptInFormState> {
  const db = await getDb();
  const form = await findPublishedForm(db, workspaceSlug, formSlug);
  if (!form) {
    const language = data.get("language");
    const message = messagesFor(typeof language === "string" ? language : "en").errors.formGone;
    return { ...previous, message, fields: { form: message } };
  }
  const base = `/f/${encodeURIComponent(workspaceSlug)}/${encodeURIComponent(formSlug)}`;
  const result = await submitWebOptIn(db, form, data, requestMetaFrom(await headers()), `${publicBaseUrl()}${base}`);
  if (!result.ok) return result.state;
  // The preference link's token exists in plain only now; the receipt's address carries it (see lib/channels/web.ts).
  const query = new URLSearchParams({ lang: result.language });
  if (result.preferenceToken) query.set("t", result.preferenceToken);
  redirect(`${base}/receipt/${result.receipt.commandId}?${query}`);
}
