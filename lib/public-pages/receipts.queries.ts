import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { formVersions, messageCategories } from "../db/schema/forms";
import { consentEvents, contacts } from "../db/schema/ledger";
import { workspaces } from "../db/schema/workspaces";

export type ReceiptRecord = NonNullable<Awaited<ReturnType<typeof findReceipt>>>;

/** What a person agreed to in one submission, for their receipt page; undefined if the id is not this workspace's. */
export async function findReceipt(db: DbOrTx, workspaceSlug: string, commandId: string) {
  const rows = await db
    .select({
      workspaceId: workspaces.id,
      businessName: workspaces.businessName,
      whatsappNumber: workspaces.whatsappNumber,
      brandColor: workspaces.brandColor,
      category: {
        key: messageCategories.key,
        label: messageCategories.label,
        description: messageCategories.description,
        example: messageCategories.example,
        frequency: messageCategories.frequency,
      },
      contactId: consentEvents.contactId,
      occurredAt: consentEvents.occurredAt,
      language: consentEvents.language,
      content: formVersions.content,
      phone: contacts.phone,
      erasedAt: contacts.erasedAt,
      hash: consentEvents.hash,
    })
    .from(consentEvents)
    .innerJoin(workspaces, eq(workspaces.id, consentEvents.workspaceId))
    .innerJoin(messageCategories, eq(messageCategories.id, consentEvents.categoryId))
    .innerJoin(contacts, eq(contacts.id, consentEvents.contactId))
    .leftJoin(formVersions, eq(formVersions.id, consentEvents.formVersionId))
    .where(and(eq(workspaces.slug, workspaceSlug), eq(consentEvents.commandId, commandId)))
    .orderBy(asc(consentEvents.seq));
  const first = rows[0];
  if (!first) return undefined;
  return {
    commandId,
    workspaceId: first.workspaceId,
    businessName: first.businessName,
    whatsappNumber: first.whatsappNumber,
    brandColor: first.brandColor,
    contactId: first.contactId,
    occurredAt: first.occurredAt,
    phone: first.phone,
    /** Set once the person's data was erased: the receipt then offers nothing but the record. */
    erasedAt: first.erasedAt,
    /** The language the person was shown when they agreed. */
    language: first.language ?? first.content?.defaultLanguage ?? "en",
    content: first.content,
    items: rows.map((r) => ({ category: r.category, hash: r.hash })),
  };
}

/** Shows enough of a number for its owner to recognise it, and no more. */
export function maskPhone(phone: string | null): string {
  if (!phone) return "(erased)";
  return `${phone.slice(0, 3)}${"•".repeat(Math.max(0, phone.length - 6))}${phone.slice(-3)}`;
}
