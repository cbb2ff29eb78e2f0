import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { formVersions, messageCategories } from "../db/schema/forms";
import { workspaces } from "../db/schema/workspaces";
import { NotFoundError, ValidationError, type FieldError } from "../errors";
import type { ValidCommand } from "./validate-command";

export type LedgerWorkspace = { id: string; defaultCountry: string; ledgerSalt: string };
export type LedgerCategory = { id: string; key: string; retiredAt: Date | null };
export type LedgerFormVersion = { id: string; digest: string; language: string };

export async function findLedgerWorkspace(db: DbOrTx, workspaceId: string): Promise<LedgerWorkspace> {
  const [row] = await db
    .select({ id: workspaces.id, defaultCountry: workspaces.defaultCountry, ledgerSalt: workspaces.ledgerSalt })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!row) throw new NotFoundError("The workspace");
  return row;
}

/** Resolves category keys within the workspace; a key of another workspace is as unknown as a made-up one. */
export async function resolveCategories(db: DbOrTx, command: ValidCommand): Promise<LedgerCategory[]> {
  const rows = await db
    .select({ id: messageCategories.id, key: messageCategories.key, retiredAt: messageCategories.retiredAt })
    .from(messageCategories)
    .where(and(eq(messageCategories.workspaceId, command.workspaceId), inArray(messageCategories.key, command.categories)));
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const fields: FieldError[] = [];
  const resolved: LedgerCategory[] = [];
  command.categories.forEach((key, i) => {
    const row = byKey.get(key);
    if (!row) fields.push({ field: `categories.${i}`, code: "unknown_category", message: `no category "${key}" in this workspace` });
    else if (row.retiredAt && command.action !== "opt_out") {
      fields.push({ field: `categories.${i}`, code: "category_retired", message: `category "${key}" is retired` });
    } else resolved.push(row);
  });
  if (fields.length > 0) throw new ValidationError(fields);
  return resolved;
}

/** The form version must be the workspace's own and offer every category the person is said to have chosen. */
export async function resolveFormVersion(db: DbOrTx, command: ValidCommand): Promise<LedgerFormVersion | null> {
  if (!command.formVersionId) return null;
  const [row] = await db
    .select({ id: formVersions.id, digest: formVersions.digest, content: formVersions.content })
    .from(formVersions)
    .where(and(eq(formVersions.id, command.formVersionId), eq(formVersions.workspaceId, command.workspaceId)));
  if (!row) {
    throw new ValidationError([
      { field: "formVersionId", code: "unknown_form_version", message: "no such form version in this workspace" },
    ]);
  }
  const language = command.language ?? row.content.defaultLanguage;
  const fields: FieldError[] = [];
  if (!row.content.languages[language]) {
    fields.push({ field: "language", code: "unknown_language", message: `the form version has no "${language}" wording` });
  }
  if (command.action === "opt_in") {
    command.categories.forEach((key, i) => {
      if (!row.content.categoryKeys.includes(key)) {
        fields.push({ field: `categories.${i}`, code: "not_on_form", message: `the form version does not offer "${key}"` });
      }
    });
  }
  if (fields.length > 0) throw new ValidationError(fields);
  return { id: row.id, digest: row.digest, language };
}
