import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { forms } from "../db/schema/forms";
import { workspaces } from "../db/schema/workspaces";

/** The sites allowed to frame a published form; empty for any other form or an unknown one. */
export async function findFormEmbedDomains(db: DbOrTx, workspaceSlug: string, formSlug: string): Promise<string[]> {
  const [row] = await db
    .select({ embedDomains: forms.embedDomains })
    .from(forms)
    .innerJoin(workspaces, eq(workspaces.id, forms.workspaceId))
    .where(and(eq(workspaces.slug, workspaceSlug), eq(forms.slug, formSlug), eq(forms.status, "published")));
  return row?.embedDomains ?? [];
}
