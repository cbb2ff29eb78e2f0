import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { queryRows } from "../db/sql";
import { NotFoundError, ValidationError, type FieldError } from "../errors";
import type { ValidCommand } from "./validate-command";

export type LedgerWorkspace = { id: string; defaultCountry: string; ledgerSalt: string };
export type LedgerCategory = { id: string; key: string; retired: boolean };
export type LedgerFormVersion = { id: string; digest: string; language: string };

/** What the form version says about this command, worked out in the database so its wording is never sent. */
type FormVersionFacts = LedgerFormVersion & { hasLanguage: boolean; categoryKeys: string[] };

export type LedgerContext = {
  workspace: LedgerWorkspace;
  /** The command's categories that exist in the workspace, in no particular order. */
  categories: LedgerCategory[];
  formVersion: FormVersionFacts | null;
};

/**
 * The workspace, the command's categories and its form version, in one round trip. A category or form
 * version of another workspace is as unknown as a made-up one.
 */
export async function lookUpLedgerContext(db: DbOrTx, command: ValidCommand): Promise<LedgerContext> {
  const [row] = await queryRows<{
    default_country: string;
    ledger_salt: string;
    categories: LedgerCategory[];
    form_version: FormVersionFacts | null;
  }>(
    db,
    sql`select w.default_country, w.ledger_salt,
      (select coalesce(json_agg(json_build_object('id', c.id, 'key', c.key, 'retired', c.retired_at is not null)), '[]')
        from message_categories c
        where c.workspace_id = w.id and c.key in (${sql.join(
          command.categories.map((k) => sql`${k}`),
          sql`, `,
        )})) as categories,
      (select json_build_object('id', f.id, 'digest', f.digest, 'language', l.language,
          'hasLanguage', f.content->'languages'->l.language is not null, 'categoryKeys', f.content->'categoryKeys')
        from form_versions f, lateral (select coalesce(${command.language ?? null}::text, f.content->>'defaultLanguage') as language) l
        where f.id = ${command.formVersionId ?? null} and f.workspace_id = w.id) as form_version
    from workspaces w where w.id = ${command.workspaceId}`,
  );
  if (!row) throw new NotFoundError("The workspace");
  return {
    workspace: { id: command.workspaceId, defaultCountry: row.default_country, ledgerSalt: row.ledger_salt },
    categories: row.categories,
    formVersion: row.form_version,
  };
}

/** The command's categories in its order; refused if unknown, or retired for anything but an opt-out. */
export function checkCategories(command: ValidCommand, found: LedgerCategory[]): LedgerCategory[] {
  const byKey = new Map(found.map((r) => [r.key, r]));
  const fields: FieldError[] = [];
  const resolved: LedgerCategory[] = [];
  command.categories.forEach((key, i) => {
    const row = byKey.get(key);
    if (!row) fields.push({ field: `categories.${i}`, code: "unknown_category", message: `no category "${key}" in this workspace` });
    else if (row.retired && command.action !== "opt_out") {
      fields.push({ field: `categories.${i}`, code: "category_retired", message: `category "${key}" is retired` });
    } else resolved.push(row);
  });
  if (fields.length > 0) throw new ValidationError(fields);
  return resolved;
}

/** The form version must be the workspace's own and offer every category the person is said to have chosen. */
export function checkFormVersion(command: ValidCommand, found: FormVersionFacts | null): LedgerFormVersion | null {
  if (!command.formVersionId) return null;
  if (!found) {
    throw new ValidationError([{ field: "formVersionId", code: "unknown_form_version", message: "no such form version in this workspace" }]);
  }
  const fields: FieldError[] = [];
  if (!found.hasLanguage) {
    fields.push({ field: "language", code: "unknown_language", message: `the form version has no "${found.language}" wording` });
  }
  if (command.action === "opt_in") {
    command.categories.forEach((key, i) => {
      if (!found.categoryKeys.includes(key)) {
        fields.push({ field: `categories.${i}`, code: "not_on_form", message: `the form version does not offer "${key}"` });
      }
    });
  }
  if (fields.length > 0) throw new ValidationError(fields);
  return { id: found.id, digest: found.digest, language: found.language };
}
