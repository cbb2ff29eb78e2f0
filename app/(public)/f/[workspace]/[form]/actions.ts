"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { submitToHostedForm } from "@/lib/channels/web";
import type { OptInFormState } from "@/lib/channels/web.validation";
import { getDb } from "@/lib/db/app-db";
import { requestMetaFrom } from "@/lib/server/request-meta";
import { publicBaseUrl } from "@/lib/server/start";

export async function submitOptIn(workspaceSlug: string, formSlug: string, _previous: OptInFormState, data: FormData): Promise<OptInFormState> {
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
  // The preference link's token exists in plain only now; the receipt's address carries it (see lib/channels/web.ts).
  const query = new URLSearchParams({ lang: result.language });
  if (result.preferenceToken) query.set("t", result.preferenceToken);
  redirect(`${base}/receipt/${result.receipt.commandId}?${query}`);
}
