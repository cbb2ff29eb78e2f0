import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { AcceptAsMemberForm, NewAccountForm } from "@/components/auth/link-forms";
import { currentSession } from "@/lib/auth/current-session";
import { getDb } from "@/lib/server/app-database";
import { findUsableInvitation } from "@/lib/members/queries";
import { findUserByEmail } from "@/lib/auth/users";
import { linkTokenHash } from "@/lib/members/tokens";
import { acceptAsMember, acceptAsNewUser } from "./actions";

// The token in the URL must not reach other sites; "no-referrer" would also blank the Origin of the form's own
// POST, which Next.js then refuses as cross-site.
export const metadata: Metadata = { title: "Invitation", referrer: "same-origin" };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const db = await getDb();
  const hash = linkTokenHash(token);
  const found = hash ? await findUsableInvitation(db, hash) : undefined;
  if (!found) {
    return (
      <AuthCard title="This invitation no longer works">
        <p className="text-sm text-slate-600">It was used, withdrawn or has expired. Ask the person who invited you for a new link.</p>
      </AuthCard>
    );
  }
  const { invitation, businessName } = found;
  const [existing, session] = await Promise.all([findUserByEmail(db, invitation.email), currentSession()]);
  const intro = (
    <p className="mb-4 text-sm text-slate-600">
      You are invited to <strong>{businessName}</strong> on Assent as <strong className="capitalize">{invitation.role}</strong>.
    </p>
  );
  if (!existing) {
    return (
      <AuthCard title={`Join ${businessName}`}>
        {intro}
        <NewAccountForm action={acceptAsNewUser} token={token} email={invitation.email} />
      </AuthCard>
    );
  }
  return (
    <AuthCard title={`Join ${businessName}`}>
      {intro}
      {session?.user.email === invitation.email ? (
        <AcceptAsMemberForm action={acceptAsMember} token={token} label={`Join as ${invitation.email}`} />
      ) : (
        <p className="text-sm text-slate-700">
          {invitation.email} already has an account.{" "}
          <Link href={`/sign-in?next=${encodeURIComponent(`/invite/${token}`)}`} className="font-medium text-brand-800 underline">
            Sign in as {invitation.email}
          </Link>{" "}
          to accept.
        </p>
      )}
    </AuthCard>
  );
}
