import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { listMemberships } from "@/lib/auth/guards";
import { requireStaffPage } from "@/lib/auth/page-guards";
import { getDb } from "@/lib/server/app-database";
import { signOutAction } from "../../(auth)/sign-in/actions";

export const metadata: Metadata = { title: "Dashboard" };

/** The dashboard's front door: straight into the user's workspace, or a word on what to do if they have none. */
export default async function DashboardEntry() {
  const session = await requireStaffPage("/dashboard");
  const [first] = await listMemberships(await getDb(), session.user.id);
  if (first) redirect(`/${first.slug}`);
  return (
    <AuthCard title="No workspace yet">
      <p className="text-sm text-slate-600">
        You are signed in as {session.user.email}, but no workspace has added you. Ask an owner or admin of your workspace to invite you, then open the link in
        their invitation.
      </p>
      <form action={signOutAction} className="mt-5">
        <button type="submit" className="text-sm font-medium text-brand-800 underline">
          Sign out
        </button>
      </form>
    </AuthCard>
  );
}
