import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { forms, formVersions, formVersionSnapshots } from "../db/schema/forms";
import { users } from "../db/schema/workspaces";
import { isUuid } from "../ids";

/** Every form of the workspace with its live version and how many opted in through it. */
export async function listForms(db: DbOrTx, workspaceId: string) {
  return db
    .select({
      id: forms.id,
      slug: forms.slug,
      name: forms.name,
      channel: forms.channel,
      status: forms.status,
      updatedAt: forms.updatedAt,
      liveVersion: formVersions.version,
      publishedAt: formVersions.publishedAt,
      // A draft saved after the live version was published holds changes that are not live yet.
      unpublishedChanges: sql<boolean>`coalesce((${forms.draft}->>'updatedAt')::timestamptz > ${formVersions.publishedAt}, ${forms.draft} is not null)`,
    })
    .from(forms)
    .leftJoin(formVersions, and(eq(formVersions.id, forms.currentVersionId), eq(formVersions.workspaceId, forms.workspaceId)))
    .where(eq(forms.workspaceId, workspaceId))
    .orderBy(sql`${forms.status} = 'archived'`, asc(forms.name));
}

export type FormListRow = Awaited<ReturnType<typeof listForms>>[number];

export async function findBuilderForm(db: DbOrTx, workspaceId: string, formId: string) {
  if (!isUuid(formId)) return undefined;
  const [row] = await db
    .select({ form: forms, live: formVersions })
    .from(forms)
    .leftJoin(formVersions, and(eq(formVersions.id, forms.currentVersionId), eq(formVersions.workspaceId, forms.workspaceId)))
    .where(and(eq(forms.id, formId), eq(forms.workspaceId, workspaceId)));
  return row;
}

/** A form's versions, newest first, each with who published it and the page snapshots kept for it. */
export async function listFormVersions(db: DbOrTx, workspaceId: string, formId: string) {
  const versions = await db
    .select({ version: formVersions, publishedBy: users.name })
    .from(formVersions)
    .leftJoin(users, eq(users.id, formVersions.createdBy))
    .where(and(eq(formVersions.workspaceId, workspaceId), eq(formVersions.formId, formId)))
    .orderBy(desc(formVersions.version));
  const snapshots = await db
    .select({ formVersionId: formVersionSnapshots.formVersionId, language: formVersionSnapshots.language, sha256: formVersionSnapshots.sha256 })
    .from(formVersionSnapshots)
    .innerJoin(formVersions, eq(formVersions.id, formVersionSnapshots.formVersionId))
    .where(and(eq(formVersionSnapshots.workspaceId, workspaceId), eq(formVersions.formId, formId)));
  return versions.map((v) => ({ ...v, snapshots: snapshots.filter((s) => s.formVersionId === v.version.id) }));
}

export async function findSnapshot(db: DbOrTx, workspaceId: string, formVersionId: string, language: string) {
  if (!isUuid(formVersionId)) return undefined;
  const [row] = await db
    .select({
      html: formVersionSnapshots.html,
      sha256: formVersionSnapshots.sha256,
      language: formVersionSnapshots.language,
      version: formVersions.version,
      publishedAt: formVersions.publishedAt,
      formName: forms.name,
      live: sql<boolean>`${forms.currentVersionId} is not distinct from ${formVersions.id}`,
      liveVersion: sql<number | null>`(select v.version from form_versions v where v.id = ${forms.currentVersionId})`,
    })
    .from(formVersionSnapshots)
    .innerJoin(formVersions, eq(formVersions.id, formVersionSnapshots.formVersionId))
    .innerJoin(forms, eq(forms.id, formVersions.formId))
    .where(
      and(
        eq(formVersionSnapshots.workspaceId, workspaceId),
        eq(formVersionSnapshots.formVersionId, formVersionId),
        eq(formVersionSnapshots.language, language),
      ),
    );
  return row;
}
