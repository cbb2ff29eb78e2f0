"use server";
import { receivedFormData } from "@/lib/handlers/form-data";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { signIn } from "@/lib/auth/auth-config";
import { currentSession } from "@/lib/auth/current-session";
import { getDb } from "@/lib/server/app-database";
import { acceptInvitationAsMember, acceptInvitationAsNewUser, type LinkFormState } from "@/lib/members/links.actions";
import { requestMetaFrom } from "@/lib/server/request-meta";

export async function acceptAsNewUser(_previous: LinkFormState, received: FormData): Promise<LinkFormState> {
  const data = receivedFormData(received);
  const input = Object.fromEntries([...data.entries()].filter(([, v]) => typeof v === "string"));
  const result = await acceptInvitationAsNewUser(await getDb(), requestMetaFrom(await headers()), input);
  if (!result.done?.password) return result;
  // Straight in: a fresh session for the account just made.
  await signIn("credentials", { email: result.done.email, password: result.done.password, redirectTo: result.done.next });
  return result;
}

export async function acceptAsMember(_previous: LinkFormState, received: FormData): Promise<LinkFormState> {
  const data = receivedFormData(received);
  const result = await acceptInvitationAsMember(await getDb(), requestMetaFrom(await headers()), await currentSession(), String(data.get("token") ?? ""));
  if (result.done) redirect(result.done.next);
  return result;
}
