import type { Metadata } from "next";
import { formatUtc } from "@/components/contacts/contacts-table";
import { InviteForm } from "@/components/members/invite-form";
import { MemberActions } from "@/components/members/member-actions";
import { ActionButton } from "@/components/ui/action-button";
import { requireWorkspacePage } from "@/lib/auth/page-guards";
import { canGrantRole } from "@/lib/auth/permissions";
import { roles } from "@/lib/auth/roles";
import { getDb } from "@/lib/server/app-database";
import { listMembers, listOpenInvitations } from "@/lib/members/queries";
import { mailConfigured } from "@/lib/mail/mailer";
import { changeMemberRoleAction, inviteMemberAction, passwordResetLinkAction, removeMemberAction, revokeInvitationAction } from "./actions";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const actor = await requireWorkspacePage(slug, "members:manage", `/${slug}/members`);
  const db = await getDb();
  const [members, invitations] = await Promise.all([listMembers(db, actor.workspace.id), listOpenInvitations(db, actor.workspace.id)]);
  const grantable = roles.filter((r) => canGrantRole(actor.role, r));
  const emailEnabled = mailConfigured();

  return (
    <div className="max-w-5xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Members</h1>
        <p className="mt-1 text-sm text-slate-600">Who can open this workspace, and what their role lets them do.</p>
      </div>

      <section aria-labelledby="invite-heading" className="rounded-xl border border-slate-200 bg-white p-5">
        <h2 id="invite-heading" className="text-lg font-semibold">
          Invite someone
        </h2>
        <p className="mb-3 text-sm text-slate-600">
          {emailEnabled
            ? "Invitations are emailed, and shown here too in case the email does not arrive. Password reset links go only to the member's own email."
            : "Email is not configured, so invitations are shown here for you to pass on. Password reset links need email: they go only to the member's own address."}
        </p>
        <InviteForm action={inviteMemberAction} workspace={slug} grantable={grantable} emailEnabled={emailEnabled} />
      </section>

      <section aria-labelledby="members-heading" className="rounded-xl border border-slate-200 bg-white p-5">
        <h2 id="members-heading" className="mb-3 text-lg font-semibold">
          {members.length} {members.length === 1 ? "member" : "members"}
        </h2>
        <ul className="divide-y divide-slate-100">
          {members.map((m) => (
            <li key={m.userId} className="flex flex-col gap-2 py-3 md:flex-row md:items-start md:justify-between">
              <div>
                <p className="font-medium text-slate-900">
                  {m.name} {m.userId === actor.user.id && <span className="text-sm font-normal text-slate-500">(you)</span>}
                </p>
                <p className="text-sm text-slate-600">
                  {m.email} · <span className="capitalize">{m.role}</span> · joined {formatUtc(m.joinedAt)}
                  {m.disabledAt && <span className="text-red-700"> · deactivated</span>}
                </p>
              </div>
              {m.userId !== actor.user.id && (m.role !== "owner" || actor.role === "owner") && (
                <MemberActions
                  workspace={slug}
                  userId={m.userId}
                  name={m.name}
                  role={m.role}
                  grantable={grantable}
                  actions={{ changeRole: changeMemberRoleAction, remove: removeMemberAction, resetLink: passwordResetLinkAction }}
                  emailEnabled={emailEnabled}
                />
              )}
            </li>
          ))}
        </ul>
      </section>

      {invitations.length > 0 && (
        <section aria-labelledby="invitations-heading" className="rounded-xl border border-slate-200 bg-white p-5">
          <h2 id="invitations-heading" className="mb-3 text-lg font-semibold">
            Open invitations
          </h2>
          <ul className="divide-y divide-slate-100">
            {invitations.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                <p className="text-sm">
                  <span className="font-medium">{i.email}</span> as <span className="capitalize">{i.role}</span>
                  <span className="text-slate-500"> · expires {formatUtc(i.expiresAt)}</span>
                </p>
                <ActionButton action={revokeInvitationAction} fields={{ workspace: slug, invitationId: i.id }} label="Withdraw" pendingLabel="Withdrawing…" />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
