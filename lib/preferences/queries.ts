import "server-only";
import { and, desc, eq, isNotNull } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { formVersions } from "../db/schema/forms";
import { consentEvents, contacts, subscriptions } from "../db/schema/ledger";
import { workspaces } from "../db/schema/workspaces";
import { orderLanguages } from "../i18n/languages";
import { listAllCategories } from "../categories/queries";
import { findPreferenceLink } from "./tokens";

export type PreferenceState = "opted_in" | "opted_out" | "never";
export type PreferenceCentre = NonNullable<Awaited<ReturnType<typeof findPreferenceCentre>>>;

/**
 * Everything the preference centre shows for a token: the business, the contact's number, each category with
 * its state, and the contact's last web form version (the wording under which they may opt in again).
 * Undefined for a malformed, forged or revoked token. Retired categories appear only while still opted in,
 * so the person can stop them.
 */
export async function findPreferenceCentre(db: DbOrTx, token: string) {
  const link = await findPreferenceLink(db, token);
  if (!link) return undefined;
  const [row] = await db
    .select({ workspace: workspaces, phone: contacts.phone })
    .from(contacts)
    .innerJoin(workspaces, eq(workspaces.id, contacts.workspaceId))
    .where(and(eq(contacts.id, link.contactId), eq(contacts.workspaceId, link.workspaceId)));
  if (!row?.phone) return undefined;
  const [categories, states, [lastVersion]] = await Promise.all([
    listAllCategories(db, link.workspaceId),
    db
      .select({ categoryId: subscriptions.categoryId, state: subscriptions.state })
      .from(subscriptions)
      .where(and(eq(subscriptions.contactId, link.contactId), eq(subscriptions.workspaceId, link.workspaceId))),
    db
      .select({ id: formVersions.id, content: formVersions.content })
      .from(consentEvents)
      .innerJoin(formVersions, eq(formVersions.id, consentEvents.formVersionId))
      .where(
        and(
          eq(consentEvents.contactId, link.contactId),
          eq(consentEvents.workspaceId, link.workspaceId),
          eq(consentEvents.channel, "web"),
          isNotNull(consentEvents.formVersionId),
        ),
      )
      .orderBy(desc(consentEvents.seq))
      .limit(1),
  ]);
  const stateOf = new Map(states.map((s) => [s.categoryId, s.state as PreferenceState]));
  return {
    link,
    workspace: row.workspace,
    phone: row.phone,
    version: lastVersion ?? null,
    categories: categories
      .map((c) => ({ ...c, state: stateOf.get(c.id) ?? ("never" as PreferenceState) }))
      .filter((c) => !c.retiredAt || c.state === "opted_in"),
  };
}

/** The languages a preference centre can be shown in: its form version's, else the workspace's default. */
export function preferenceLanguages(centre: PreferenceCentre): string[] {
  return centre.version ? orderLanguages(Object.keys(centre.version.content.languages)) : [centre.workspace.defaultLanguage];
}
