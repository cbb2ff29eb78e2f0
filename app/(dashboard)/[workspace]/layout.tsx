import type { ReactNode } from "react";
import { DashboardShell } from "@/components/dashboard/shell";
import { listMemberships } from "@/lib/auth/guards";
import { requireWorkspacePage } from "@/lib/auth/page-guards";
import { getDb } from "@/lib/server/app-database";
import { signOutAction } from "../../(auth)/sign-in/actions";

type Props = { children: ReactNode; params: Promise<{ workspace: string }> };

// The shell only; each page authorises again for its own permission (layouts do not re-run on every navigation).
export default async function WorkspaceLayout({ children, params }: Props) {
  const { workspace } = await params;
  // A signed-out visitor returns to the page they asked for (the guard reads it from the request), else the overview.
  const actor = await requireWorkspacePage(workspace, "contacts:read", `/${workspace}`);
  const memberships = await listMemberships(await getDb(), actor.user.id);
  return (
    <DashboardShell slug={workspace} role={actor.role} user={actor.user} memberships={memberships} signOut={signOutAction}>
      {children}
    </DashboardShell>
  );
}
