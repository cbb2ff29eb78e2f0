import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { mailConfigured } from "@/lib/mail/mailer";
import { resetByEmailUnavailable } from "@/lib/members/forgot-password";
import { requestPasswordResetAction } from "./actions";

export const metadata: Metadata = { title: "Forgot password" };

export default function ForgotPasswordPage() {
  return (
    <AuthCard title="Forgot your password?">
      {mailConfigured() ? <ForgotPasswordForm action={requestPasswordResetAction} /> : <p className="text-sm text-slate-600">{resetByEmailUnavailable}</p>}
      <p className="mt-4 text-sm">
        <Link href="/sign-in" className="font-medium text-brand-800 underline">
          Back to sign in
        </Link>
      </p>
    </AuthCard>
  );
}
