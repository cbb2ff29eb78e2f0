"use server";
import { receivedFormData } from "@/lib/handlers/form-data";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { submitToHostedForm } from "@/lib/channels/web/opt-in";
import type { OptInFormState } from "@/lib/channels/web/opt-in.validation";
import { getDb } from "@/lib/server/app-database";
import { findUnstorableString } from "@/lib/db/storable-text";
import { messagesFor } from "@/lib/i18n/languages";
import { requestMetaFrom } from "@/lib/server/request-meta";
import { publicBaseUrl } from "@/lib/server/urls";

export async function submitOptIn(workspaceSlug: string, formSlug: string, previous: OptInFormState, received: FormData): Promise<OptInFormState> {
  const data = receivedFormData(received);
  // The bound slugs and the previous state come back from the client too, so they are checked like any input.
  const slugsUsable = typeof workspaceSlug === "string" && typeof formSlug === "string" && findUnstorableString([workspaceSlug, formSlug], "") === null;
  if (!slugsUsable) {
    const language = data.get("language");
    const message = messagesFor(typeof language === "string" ? language : "en").errors.formGone;
    const values = previous && typeof previous === "object" && previous.values ? previous.values : { phone: "", country: "", name: "", categories: [] };
    return { values, message, fields: { form: message } };
  }
  const base = `/f/${encodeURIComponent(workspaceSlug)}/${encodeURIComponent(formSlug)}`;
  const requestHeaders = await headers();
  const result = await submitToHostedForm(await getDb(), workspaceSlug, formSlug, data, requestMetaFrom(requestHeaders), `${publicBaseUrl()}${base}`);
  if (!result.ok) {
    // Without JavaScript the browser posts the form itself (no Next-Action header): a throttled post is sent on to
    // an answer with status 429 and Retry-After, which a re-rendered page cannot carry. With JavaScript the
    // message shows on the form.
    if (result.networkThrottled && !requestHeaders.has("next-action")) {
      const language = data.get("language");
      const query = new URLSearchParams({ lang: typeof language === "string" ? language : "en", retry: String(result.networkThrottled.retryAfterSeconds) });
      redirect(`${base}/busy?${query}`);
    }
    return result.state;
  }
  // The preference link's token exists in plain only now; the receipt's address carries it (see lib/channels/web/opt-in.ts).
  const query = new URLSearchParams({ lang: result.language });
  if (result.preferenceToken) query.set("t", result.preferenceToken);
  redirect(`${base}/receipt/${result.receipt.commandId}?${query}`);
}
