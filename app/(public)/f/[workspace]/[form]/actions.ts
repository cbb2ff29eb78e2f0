"use server";
import { receivedFormData } from "@/lib/actions/form-data";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { submitWebOptIn } from "@/lib/channels/web";
import type { OptInFormState } from "@/lib/channels/web.validation";
import { getDb } from "@/lib/db/app-db";
import { findUnstorableString } from "@/lib/db/storable-text";
import { findPublishedForm } from "@/lib/data/forms";
import { messagesFor } from "@/lib/i18n/languages";
import { requestMetaFrom } from "@/lib/server/request-meta";
import { publicBaseUrl } from "@/lib/server/start";

export async function submitOptIn(workspaceSlug: string, formSlug: string, previous: OptInFormState, received: FormData): Promise<OptInFormState> {
  const data = receivedFormData(received);
  const db = await getDb();
  // The bound slugs and the previous state come back from the client too, so they are checked like any input.
  const slugsUsable = typeof workspaceSlug === "string" && typeof formSlug === "string" && findUnstorableString([workspaceSlug, formSlug], "") === null;
  const form = slugsUsable ? await findPublishedForm(db, workspaceSlug, formSlug) : undefined;
  if (!form) {
    const language = data.get("language");
    const message = messagesFor(typeof language === "string" ? language : "en").errors.formGone;
    const values = previous && typeof previous === "object" && previous.values ? previous.values : { phone: "", country: "", name: "", categories: [] };
    return { values, message, fields: { form: message } };
  }
  const base = `/f/${encodeURIComponent(workspaceSlug)}/${encodeURIComponent(formSlug)}`;
  const result = await submitWebOptIn(db, form, data, requestMetaFrom(await headers()), `${publicBaseUrl()}${base}`);
  if (!result.ok) return result.state;
  // The preference link's token exists in plain only now; the receipt's address carries it (see lib/channels/web.ts).
  const query = new URLSearchParams({ lang: result.language });
  if (result.preferenceToken) query.set("t", result.preferenceToken);
  redirect(`${base}/receipt/${result.receipt.commandId}?${query}`);
}
