"use server";
import { receivedFormData } from "@/lib/handlers/form-data";
import { AuthError } from "next-auth";
import { signIn, signOut, auth } from "@/lib/auth/auth-config";
import { safeNextPath } from "@/lib/auth/next-path";
import { OIDC_PROVIDER_ID } from "@/lib/auth/oidc";
import { signInSchema } from "@/lib/auth/sign-in.validation";
import { getDb } from "@/lib/server/app-database";
import { revokeStaffSession } from "@/lib/auth/staff-sessions";
import { fieldMessages } from "@/lib/validation/field-errors";

export type SignInState = { message?: string; fields: Partial<Record<"email" | "password", string>>; email: string };

export async function signInWithPassword(_previous: SignInState, received: FormData): Promise<SignInState> {
  const data = receivedFormData(received);
  const email = String(data.get("email") ?? "");
  const parsed = signInSchema.safeParse({ email, password: data.get("password") ?? "" });
  if (!parsed.success) {
    const fields = fieldMessages(parsed.error);
    return { fields, email };
  }
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeNextPath(data.get("next")) });
  } catch (error) {
    if (error instanceof AuthError) {
      const throttled = (error as AuthError & { code?: string }).code === "throttled";
      return {
        email,
        fields: {},
        message: throttled
          ? "Too many failed attempts from here. Wait 15 minutes (or up to an hour after many), or reset your password by email."
          : "That email and password do not match an active account.",
      };
    }
    throw error; // the redirect that signals success
  }
  return { fields: {}, email };
}

export async function signOutAction(): Promise<void> {
  const session = await auth();
  if (session?.sid) await revokeStaffSession(await getDb(), session.sid);
  await signOut({ redirectTo: "/sign-in?signedOut=1" });
}

export async function signInWithSso(received: FormData): Promise<void> {
  const data = receivedFormData(received);
  await signIn(OIDC_PROVIDER_ID, { redirectTo: safeNextPath(data.get("next")) });
}
