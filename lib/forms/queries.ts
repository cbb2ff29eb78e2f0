import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { forms, formVersions, messageCategories } from "../db/schema/forms";
import { workspaces } from "../db/schema/workspaces";

export type PublishedForm = NonNullable<Awaited<ReturnType<typeof findPublishedForm>>>;

/** A published form with the version it serves and its categories in the version's order; undefined if none. */
export async function findPublishedForm(db: DbOrTx, workspaceSlug: string, formSlug: string) {
  const [row] = await db
    .select({ workspace: workspaces, form: forms, version: formVersions })
    .from(forms)
    .innerJoin(workspaces, eq(workspaces.id, forms.workspaceId))
    .innerJoin(formVersions, and(eq(formVersions.id, forms.currentVersionId), eq(formVersions.workspaceId, forms.workspaceId)))
    .where(and(eq(workspaces.slug, workspaceSlug), eq(forms.slug, formSlug), eq(forms.status, "published")));
  if (!row) return undefined;
  const keys = row.version.content.categoryKeys;
  const categories = await db
    .select()
    .from(messageCategories)
    .where(and(eq(messageCategories.workspaceId, row.workspace.id), inArray(messageCategories.key, keys)))
    .orderBy(asc(messageCategories.position));
  const byKey = new Map(categories.map((c) => [c.key, c]));
  return {
    ...row,
    categories: keys.flatMap((k) => {
      const c = byKey.get(k);
      return c && !c.retiredAt ? [c] : [];
    }),
  };
}

export async function listFormSummaries(db: DbOrTx, workspaceId: string) {
  return db
    .select({ slug: forms.slug, name: forms.name, channel: forms.channel, status: forms.status })
    .from(forms)
    .where(eq(forms.workspaceId, workspaceId))
    .orderBy(asc(forms.name));
}
