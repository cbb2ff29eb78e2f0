import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { queryRows } from "../db/sql";

export type RecordingVersion = { id: string; formName: string; version: number; categoryKeys: string[] };

/**
 * What staff-entered consent (a signed paper form, an imported row) is checked against before anything is
 * written: the workspace's country for national numbers, its categories, and its published form versions.
 * The ledger checks the same again when it writes; checking here first gives every field its own message and
 * lets a whole file be previewed without writing.
 */
export type RecordingContext = {
  defaultCountry: string;
  /** Category key → whether it is retired. */
  categories: Map<string, { label: string; retired: boolean }>;
  versions: Map<string, RecordingVersion>;
};

export async function findRecordingContext(db: DbOrTx, workspaceId: string): Promise<RecordingContext> {
  const [row] = await queryRows<{
    default_country: string;
    categories: { key: string; label: string; retired: boolean }[];
    versions: { id: string; formName: string; version: number; categoryKeys: string[] }[];
  }>(
    db,
    sql`select w.default_country,
      (select coalesce(json_agg(json_build_object('key', c.key, 'label', c.label, 'retired', c.retired_at is not null) order by c.created_at), '[]')
        from message_categories c where c.workspace_id = w.id) as categories,
      (select coalesce(json_agg(json_build_object('id', v.id, 'formName', f.name, 'version', v.version, 'categoryKeys', v.content->'categoryKeys')
          order by v.published_at desc), '[]')
        from form_versions v join forms f on f.id = v.form_id where v.workspace_id = w.id) as versions
    from workspaces w where w.id = ${workspaceId}`,
  );
  if (!row) throw new Error(`workspace ${workspaceId} not found`);
  return {
    defaultCountry: row.default_country,
    categories: new Map(row.categories.map((c) => [c.key, { label: c.label, retired: c.retired }])),
    versions: new Map(row.versions.map((v) => [v.id, v])),
  };
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Why these categories cannot be recorded as an opt-in under this form version, or null. */
export function versionProblem(context: RecordingContext, formVersionId: string): string | null {
  const id = formVersionId.trim().toLowerCase();
  if (!uuidPattern.test(id)) return "is not a form version id (it looks like 3f2c…-…, as printed at the foot of the form)";
  if (!context.versions.has(id)) return "is not a published form version of this workspace";
  return null;
}

/** Problems with the categories: unknown, retired, or not offered by the form version (when it is valid). */
export function categoryProblems(context: RecordingContext, categories: string[], formVersionId: string | null): string[] {
  const version = formVersionId ? context.versions.get(formVersionId.trim().toLowerCase()) : undefined;
  const problems: string[] = [];
  for (const key of categories) {
    const category = context.categories.get(key);
    if (!category) problems.push(`"${key}" is not a category of this workspace`);
    else if (category.retired) problems.push(`"${key}" is retired`);
    else if (version && !version.categoryKeys.includes(key)) {
      problems.push(`"${key}" is not offered by ${version.formName} version ${version.version}`);
    }
  }
  return problems;
}
