import "server-only";
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { consentEvents, contacts, subscriptions } from "../db/schema/ledger";
import { formVersions, forms, messageCategories } from "../db/schema/forms";
import { decodeCursor, encodeCursor } from "./cursor";
import type { ContactFilter } from "./filters";
import { cleanPhoneInput, normalizePhone } from "../phone/normalize";
import { isUuid } from "../ids";

export type WorkspaceScope = { workspaceId: string; defaultCountry: string };

export type CategoryState = { state: "opted_in" | "opted_out"; level: "single" | "confirmed" | null; changedAt: Date };
export type ContactRow = {
  id: string;
  phone: string | null;
  bsuid: string | null;
  name: string | null;
  createdAt: Date;
  updatedAt: Date;
  erasedAt: Date | null;
  states: Record<string, CategoryState>;
};

export const CONTACTS_PAGE_SIZE = 50;

/** What the search box holds, read as a phone number when it can be one, else as the start of a name. */
function searchCondition(q: string, defaultCountry: string): SQL {
  // A number pasted with dashes, direction marks or full-width digits is still a number.
  const asPhone = cleanPhoneInput(q);
  if (/^[+\d\s().\-/]+$/.test(asPhone) && /\d{3}/.test(asPhone)) {
    try {
      return eq(contacts.phone, normalizePhone(asPhone, defaultCountry));
    } catch {
      // An incomplete number: match numbers that start with the digits typed.
      const digits = asPhone.replace(/\D/g, "");
      return sql`${contacts.phone} like ${`+${digits}%`}`;
    }
  }
  const prefix = q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql`lower(${contacts.name}) like ${`${prefix}%`}`;
}

/**
 * One page of a workspace's contacts under the filters, by keyset (never OFFSET), so page 10,000 costs what
 * page 1 does. Category filters read the subscriptions table (current state), never the event history.
 */
export async function findContacts(
  db: DbOrTx,
  scope: WorkspaceScope,
  filter: ContactFilter,
  pageSize = CONTACTS_PAGE_SIZE,
): Promise<{ rows: ContactRow[]; next?: string }> {
  const where: SQL[] = [eq(contacts.workspaceId, scope.workspaceId)];
  if (filter.q) where.push(searchCondition(filter.q, scope.defaultCountry));

  if (filter.category || filter.state || filter.level) {
    const categoryId = filter.category
      ? sql`(select ${messageCategories.id} from ${messageCategories} where ${messageCategories.workspaceId} = ${scope.workspaceId} and ${messageCategories.key} = ${filter.category})`
      : undefined;
    const match = [sql`${subscriptions.contactId} = ${contacts.id}`];
    if (categoryId) match.push(sql`${subscriptions.categoryId} = ${categoryId}`);
    if (filter.state && filter.state !== "never") match.push(sql`${subscriptions.state} = ${filter.state}`);
    if (filter.level) match.push(sql`${subscriptions.optInLevel} = ${filter.level}`);
    const exists = sql`exists (select 1 from ${subscriptions} where ${sql.join(match, sql` and `)})`;
    where.push(filter.state === "never" ? sql`not ${exists}` : exists);
  }
  if (filter.channel || filter.form) {
    const match = [sql`${consentEvents.contactId} = ${contacts.id}`];
    if (filter.channel) match.push(sql`${consentEvents.channel} = ${filter.channel}`);
    if (filter.form) {
      // The form's few version ids first: as a constant list the planner probes each contact's events by index.
      const versions = await db
        .select({ id: formVersions.id })
        .from(formVersions)
        .innerJoin(forms, eq(forms.id, formVersions.formId))
        .where(and(eq(forms.workspaceId, scope.workspaceId), eq(forms.slug, filter.form)));
      if (versions.length === 0) return { rows: [] };
      match.push(
        inArray(
          consentEvents.formVersionId,
          versions.map((v) => v.id),
        ),
      );
    }
    where.push(sql`exists (select 1 from ${consentEvents} where ${sql.join(match, sql` and `)})`);
  }
  if (filter.from) where.push(sql`${contacts.createdAt} >= ${filter.from}::date`);
  if (filter.to) where.push(sql`${contacts.createdAt} < ${filter.to}::date + 1`);

  const key = filter.sort === "recent" ? contacts.updatedAt : contacts.createdAt;
  const ascending = filter.sort === "oldest";
  const cursor = decodeCursor(filter.after);
  if (cursor) {
    where.push(
      ascending
        ? sql`(${key}, ${contacts.id}) > (${cursor.at}::timestamptz, ${cursor.id}::uuid)`
        : sql`(${key}, ${contacts.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`,
    );
  }

  const found = await db
    .select({
      id: contacts.id,
      phone: contacts.phone,
      bsuid: contacts.bsuid,
      name: contacts.name,
      createdAt: contacts.createdAt,
      updatedAt: contacts.updatedAt,
      erasedAt: contacts.erasedAt,
      sortKey: sql<string>`${key}::text`,
    })
    .from(contacts)
    .where(and(...where))
    .orderBy(ascending ? asc(key) : desc(key), ascending ? asc(contacts.id) : desc(contacts.id))
    .limit(pageSize + 1);

  const page = found.slice(0, pageSize);
  const states = await findCategoryStates(
    db,
    scope.workspaceId,
    page.map((r) => r.id),
  );
  const last = page.at(-1);
  return {
    rows: page.map(({ sortKey: _, ...row }) => ({ ...row, states: states.get(row.id) ?? {} })),
    next: found.length > pageSize && last ? encodeCursor({ at: last.sortKey, id: last.id }) : undefined,
  };
}

/** Current state per category for the given contacts, keyed by contact id then category key. */
export async function findCategoryStates(db: DbOrTx, workspaceId: string, contactIds: string[]): Promise<Map<string, Record<string, CategoryState>>> {
  const out = new Map<string, Record<string, CategoryState>>();
  if (contactIds.length === 0) return out;
  const rows = await db
    .select({
      contactId: subscriptions.contactId,
      key: messageCategories.key,
      state: subscriptions.state,
      level: subscriptions.optInLevel,
      changedAt: subscriptions.changedAt,
    })
    .from(subscriptions)
    .innerJoin(messageCategories, eq(messageCategories.id, subscriptions.categoryId))
    .where(and(eq(subscriptions.workspaceId, workspaceId), inArray(subscriptions.contactId, contactIds)));
  for (const row of rows) {
    const entry = out.get(row.contactId) ?? {};
    entry[row.key] = { state: row.state, level: row.level, changedAt: row.changedAt };
    out.set(row.contactId, entry);
  }
  return out;
}

export async function findContact(db: DbOrTx, workspaceId: string, contactId: string) {
  if (!isUuid(contactId)) return undefined;
  const [row] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, contactId)));
  return row;
}
