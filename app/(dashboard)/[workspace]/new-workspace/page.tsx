import type { Metadata } from "next";
import { NewWorkspaceForm } from "@/components/workspace/new-workspace-form";
import { listMemberships } from "@/lib/auth/guards";
import { requireWorkspacePage } from "@/lib/auth/page-guards";
import { countryOptions } from "@/lib/phone/countries";
import { getDb } from "@/lib/server/app-database";
import { MAX_OWNED_WORKSPACES } from "@/lib/workspace/new-workspace.validation";
import { createWorkspaceServerAction } from "./actions";

export const metadata: Metadata = { title: "New workspace" };

type Props = { params: Promise<{ workspace: string }> };

/** Another business, with its own contacts, forms and ledger; the owner of this one becomes its owner. */
export default async function NewWorkspacePage({ params }: Props) {
  const { workspace: slug } = await params;
  const actor = await requireWorkspacePage(slug, "workspaces:create", `/${slug}/new-workspace`);
  const owned = (await listMemberships(await getDb(), actor.user.id)).filter((m) => m.role === "owner").length;
  return (
    <div className="max-w-2xl space-y-4">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">New workspace</h1>
        <p className="mt-1 text-sm text-slate-600">
          A workspace is one business: its own contacts, forms, categories, keys and ledger, shared with nothing in {actor.workspace.businessName}. You become
          its owner and can invite its team. You own {owned} of at most {MAX_OWNED_WORKSPACES}.
        </p>
      </div>
      <NewWorkspaceForm
        action={createWorkspaceServerAction}
        workspace={slug}
        countries={countryOptions("en")}
        defaultCountry={actor.workspace.defaultCountry}
      />
    </div>
  );
}
