"use server";
import { receivedFormData } from "@/lib/handlers/form-data";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/server/app-database";
import { resetPasswordWithLink, type LinkFormState } from "@/lib/members/links.actions";
import { requestMetaFrom } from "@/lib/server/request-meta";

export async function resetPasswordAction(_previous: LinkFormState, received: FormData): Promise<LinkFormState> {
  const data = receivedFormData(received);
  const input = Object.fromEntries([...data.entries()].filter(([, v]) => typeof v === "string"));
  const result = await resetPasswordWithLink(await getDb(), requestMetaFrom(await headers()), input);
  if (result.done) redirect(result.done.next);
  return result;
}
