import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Alert } from "@/components/ui/alert";
import { currentSession } from "@/lib/auth/current-session";
import { safeNextPath } from "@/lib/auth/next-path";
import { oidcEnabled } from "@/lib/auth/oidc";
import { ssoErrorMessage } from "@/lib/auth/sso-refusal";
import { env } from "@/lib/env";
import { mailConfigured } from "@/lib/mail/mailer";
import { signInWithPassword, signInWithSso } from "./actions";
import { SsoButton } from "@/components/auth/sso-button";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const next = safeNextPath(params.next);
  if (await currentSession()) redirect(next);
  return (
    <AuthCard title="Sign in to Assent">
      <div className="space-y-4">
        {params.signedOut && <Alert tone="success">You are signed out.</Alert>}
        {params.reset && <Alert tone="success">Your password is changed. Sign in with the new one.</Alert>}
        {typeof params.error === "string" && !params.signedOut && <Alert tone="error">{ssoErrorMessage(params.error)}</Alert>}
        <SignInForm action={signInWithPassword} next={next} />
        {mailConfigured() ? (
          <p className="text-sm">
            <Link href="/forgot-password" className="font-medium text-brand-800 underline">
              Forgot your password?
            </Link>
          </p>
        ) : (
          <p className="text-sm text-slate-600">Forgot your password? Email is not set up here, so ask whoever runs Assent for a reset link.</p>
        )}
        {oidcEnabled() && <SsoButton label={env().OIDC_NAME ?? "Single sign-on"} next={next} action={signInWithSso} />}
      </div>
    </AuthCard>
  );
}
