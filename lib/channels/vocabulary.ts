import "server-only";
import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { FormVersionContent } from "../db/schema/form-content";
import { addTranslatedNames } from "../categories/translated-names";
import type { LedgerCategory, LedgerContext } from "../ledger/lookups";
import type { ChannelCategory } from "./inbound-consent";

/**
 * What reading a message needs to know of its workspace: the categories a person may name (with their names in
 * every language its forms give them, for "BAJA ofertas"), and the ledger's view of the same categories, so the
 * opt-out it leads to needs no lookup of its own.
 */
export type ChannelVocabulary = { categories: ChannelCategory[]; ledger: LedgerContext };

type CategoryRow = ChannelCategory & LedgerCategory;
/** The two subselects' JSON, as the vocabulary's SQL returns it. */
export type VocabularyRow = { categories: CategoryRow[]; languages: FormVersionContent["languages"][] };
type Workspace = { workspaceId: string; defaultCountry: string; ledgerSalt: string };

/**
 * The vocabulary of the workspace whose id is `workspaceId` (a value or a column) as ONE JSON column: what three
 * reads used to bring (the active categories, their translated names, the ledger's view of them), carried by the
 * query that already reads the workspace (findInboundChannel) at no extra round trip.
 */
export function vocabularyColumn(workspaceId: SQL | AnyColumn | string): SQL<VocabularyRow> {
  return sql<VocabularyRow>`json_build_object(
    'categories', (select coalesce(json_agg(json_build_object('id', c.id, 'key', c.key, 'label', c.label, 'templateCategory', c.template_category,
        'retired', c.retired_at is not null) order by c.position), '[]')
      from message_categories c where c.workspace_id = ${workspaceId}),
    'languages', (select coalesce(json_agg(v.content->'languages'), '[]')
      from forms f join form_versions v on v.id = f.current_version_id where f.workspace_id = ${workspaceId}))`;
}

/** The vocabulary from that column's JSON. */
export function vocabularyOf(workspace: Workspace, row: VocabularyRow): ChannelVocabulary {
  const active = row.categories.filter((c) => !c.retired).map(({ key, label, templateCategory }) => ({ key, label, templateCategory }));
  return {
    categories: addTranslatedNames(active, row.languages),
    ledger: {
      workspace: { id: workspace.workspaceId, defaultCountry: workspace.defaultCountry, ledgerSalt: workspace.ledgerSalt },
      categories: row.categories.map(({ id, key, retired }) => ({ id, key, retired })),
      formVersion: null,
    },
  };
}
