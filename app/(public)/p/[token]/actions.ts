"use server";
import { receivedFormData } from "@/lib/handlers/form-data";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/server/app-database";
import { changePreferences } from "@/lib/preferences/change";
import { looksLikePreferenceToken } from "@/lib/preferences/tokens";
import { requestMetaFrom } from "@/lib/server/request-meta";
import { publicBaseUrl } from "@/lib/server/urls";

/** One preference-centre change; then back to the page (post/redirect/get), which shows the new state. */
export async function updatePreferences(received: FormData): Promise<void> {
  const data = receivedFormData(received);
  const token = data.get("token");
  // An unknown link goes back to its page, which answers not-found and says how to stop.
  if (typeof token !== "string" || !looksLikePreferenceToken(token)) redirect("/p/unknown");
  const result = await changePreferences(await getDb(), token, data, requestMetaFrom(await headers()), publicBaseUrl());
  if (!result.found) redirect(`/p/${token}`);
  const language = data.get("language");
  const query = new URLSearchParams({ notice: result.notice });
  if (typeof language === "string" && /^[A-Za-z-]{2,16}$/.test(language)) query.set("lang", language);
  redirect(`/p/${token}?${query}`);
}
