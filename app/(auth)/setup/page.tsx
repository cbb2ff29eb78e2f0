import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { AuthCard } from "@/components/auth/auth-card";
import { SetupForm } from "@/components/auth/setup-form";
import { getDb } from "@/lib/server/app-database";
import { hasAnyUser } from "@/lib/setup/first-run";
import { completeSetup } from "./actions";

export const metadata: Metadata = { title: "Set up Assent" };

/** First run without the demo: make the first workspace and its owner. Closed once any account exists. */
export default async function SetupPage() {
  await connection(); // rendered per request: whether setup is still open is a question for the database
  if (await hasAnyUser(await getDb())) {
    return (
      <AuthCard title="Assent is already set up">
        <p className="text-sm text-slate-600">
          <Link href="/sign-in" className="font-medium text-brand-800 underline">
            Sign in
          </Link>
          , or ask an owner of your workspace for an invitation.
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Set up Assent">
      <p className="mb-4 text-sm text-slate-600">Create your business&apos;s workspace and your owner account. This page closes once it is done.</p>
      <SetupForm action={completeSetup} />
    </AuthCard>
  );
}
