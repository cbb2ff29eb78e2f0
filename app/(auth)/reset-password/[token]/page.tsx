import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { ResetPasswordForm } from "@/components/auth/link-forms";
import { getDb } from "@/lib/server/app-database";
import { findUsablePasswordReset } from "@/lib/members/queries";
import { mailConfigured } from "@/lib/mail/mailer";
import { linkTokenHash } from "@/lib/members/tokens";
import { resetPasswordAction } from "./actions";

// The token in the URL must not reach other sites; "no-referrer" would also blank the Origin of the form's own
// POST, which Next.js then refuses as cross-site.
export const metadata: Metadata = { title: "Reset password", referrer: "same-origin" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const hash = linkTokenHash(token);
  const found = hash ? await findUsablePasswordReset(await getDb(), hash) : undefined;
  if (!found) {
    return (
      <AuthCard title="This link no longer works">
        <p className="text-sm text-slate-600">
          It was used or has expired.{" "}
          {mailConfigured() ? (
            <Link href="/forgot-password" className="font-medium text-brand-800 underline">
              Ask for a new link
            </Link>
          ) : (
            "Ask an admin of your workspace for a new password reset link."
          )}
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Choose a new password">
      <p className="mb-4 text-sm text-slate-600">For {found.email}. Every session of this account is signed out when you save.</p>
      <ResetPasswordForm action={resetPasswordAction} token={token} />
    </AuthCard>
  );
}
