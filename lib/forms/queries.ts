import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../db/client";
import { configCache } from "../db/config-cache";
import { forms, formVersions, type messageCategories } from "../db/schema/forms";
import { workspaces } from "../db/schema/workspaces";
import type { LedgerContext } from "../ledger/lookups";

export type PublishedForm = NonNullable<Awaited<ReturnType<typeof findPublishedForm>>>;

type Category = typeof messageCategories.$inferSelect;
/** A category row as JSON: its timestamps are strings. */
type CategoryJson = Omit<Category, "retiredAt" | "createdAt"> & { retiredAt: string | null; createdAt: string };

/**
 * A published form with the version it serves and its categories in the version's order; undefined if none. One
 * round trip: the categories come as JSON beside the row, since a submission reads this on every post.
 * `ledgerCategories` are the version's categories as the ledger checks them (retired ones included, flagged),
 * so the submission's append needs no lookup of its own (ledgerContextOf).
 */
export async function findPublishedForm(db: DbOrTx, workspaceSlug: string, formSlug: string) {
  const [row] = await db
    .select({
      workspace: workspaces,
      form: forms,
      version: formVersions,
      categories: sql<CategoryJson[]>`(select coalesce(json_agg(json_build_object('id', c.id, 'workspaceId', c.workspace_id, 'key', c.key,
          'label', c.label, 'description', c.description, 'example', c.example, 'frequency', c.frequency,
          'templateCategory', c.template_category, 'position', c.position, 'retiredAt', c.retired_at, 'createdAt', c.created_at)), '[]')
        from message_categories c
        where c.workspace_id = ${forms.workspaceId} and c.key in (select jsonb_array_elements_text(${formVersions.content}->'categoryKeys')))`,
    })
    .from(forms)
    .innerJoin(workspaces, eq(workspaces.id, forms.workspaceId))
    .innerJoin(formVersions, and(eq(formVersions.id, forms.currentVersionId), eq(formVersions.workspaceId, forms.workspaceId)))
    .where(and(eq(workspaces.slug, workspaceSlug), eq(forms.slug, formSlug), eq(forms.status, "published")));
  if (!row) return undefined;
  const { categories: json, ...found } = row;
  const byKey = new Map<string, Category>(
    json.map((c) => [c.key, { ...c, retiredAt: c.retiredAt ? new Date(c.retiredAt) : null, createdAt: new Date(c.createdAt) }]),
  );
  const keys = found.version.content.categoryKeys;
  return {
    ...found,
    categories: keys.flatMap((k) => {
      const c = byKey.get(k);
      return c && !c.retiredAt ? [c] : [];
    }),
    ledgerCategories: [...byKey.values()].map((c) => ({ id: c.id, key: c.key, retired: c.retiredAt !== null })),
  };
}

/**
 * How long an instance trusts a published form it has read for a submission (lib/db/config-cache.ts): a publish,
 * an archive or a retired category made on another instance reaches this one's submissions within this time, and
 * this instance's at once. Within it, a submission costs no read of its form.
 */
export const FORM_CACHE_MS = 5_000;

const publishedForms = configCache(
  FORM_CACHE_MS,
  (key: { workspaceSlug: string; formSlug: string }) => `${key.workspaceSlug}/${key.formSlug}`,
  (db: Db, key: { workspaceSlug: string; formSlug: string }) => findPublishedForm(db, key.workspaceSlug, key.formSlug),
);

/** findPublishedForm, remembered per database handle for FORM_CACHE_MS: the submission path's read. Never mutate the answer. */
export function findPublishedFormCached(db: Db, workspaceSlug: string, formSlug: string, options: { now?: number } = {}): Promise<PublishedForm | null> {
  return publishedForms.get(db, { workspaceSlug, formSlug }, options);
}

/**
 * What the ledger would look up for a submission to this form in `language`, from what was read with it:
 * the workspace, the version's categories and the facts checkFormVersion checks (lib/ledger/lookups.ts).
 */
export function ledgerContextOf(form: PublishedForm, language: string | undefined): LedgerContext {
  const content = form.version.content;
  const shown = language ?? content.defaultLanguage;
  return {
    workspace: { id: form.workspace.id, defaultCountry: form.workspace.defaultCountry, ledgerSalt: form.workspace.ledgerSalt },
    categories: form.ledgerCategories,
    formVersion: {
      id: form.version.id,
      digest: form.version.digest,
      language: shown,
      hasLanguage: Object.hasOwn(content.languages, shown),
      categoryKeys: content.categoryKeys,
    },
  };
}

export async function listFormSummaries(db: DbOrTx, workspaceId: string) {
  return db
    .select({ slug: forms.slug, name: forms.name, channel: forms.channel, status: forms.status })
    .from(forms)
    .where(eq(forms.workspaceId, workspaceId))
    .orderBy(asc(forms.name));
}
