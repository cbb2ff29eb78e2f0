"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { submitWebOptIn } from "@/lib/channels/web";
import type { OptInFormState } from "@/lib/channels/web.validation";
import { getDb } from "@/lib/db/app-db";
import { findPublishedForm } from "@/lib/data/forms";
import { requestMetaFrom } from "@/lib/server/request-meta";
import { publicBaseUrl } from "@/lib/server/start";

export async function submitOptIn(workspaceSlug: string, formSlug: string, previous: OptInFormState, data: FormData): Promise<OptInFormState> {
  const db = await getDb();
  const form = await findPublishedForm(db, workspaceSlug, formSlug);
  if (!form) return { ...previous, message: "This sign-up form is no longer available.", fields: { form: "This sign-up form is no longer available." } };
  const pageUrl = `${publicBaseUrl()}/f/${encodeURIComponent(workspaceSlug)}/${encodeURIComponent(formSlug)}`;
  const result = await submitWebOptIn(db, form, data, requestMetaFrom(await headers()), pageUrl);
  if (!result.ok) return result.state;
  redirect(`/f/${encodeURIComponent(workspaceSlug)}/${encodeURIComponent(formSlug)}/receipt/${result.receipt.commandId}`);
}
