"use server";
import { receivedFormData } from "@/lib/handlers/form-data";
import { headers } from "next/headers";
import { after } from "next/server";
import { getDb } from "@/lib/server/app-database";
import { appMailer } from "@/lib/mail/mailer";
import { requestPasswordReset, type ForgotPasswordState } from "@/lib/members/forgot-password";
import { requestMetaFrom } from "@/lib/server/request-meta";

export async function requestPasswordResetAction(_previous: ForgotPasswordState, received: FormData): Promise<ForgotPasswordState> {
  const data = receivedFormData(received);
  const input = { email: data.get("email") ?? "" };
  return requestPasswordReset(await getDb(), requestMetaFrom(await headers()), input, appMailer(), after);
}
