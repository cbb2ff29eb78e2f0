import "server-only";
import { aliasedTable, and, desc, eq, gte, lt, sql, type AnyColumn } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { apiKeys, auditLog } from "../db/schema/access";
import { forms, messageCategories } from "../db/schema/forms";
import { importJobs } from "../db/schema/imports";
import { contacts } from "../db/schema/ledger";
import { qualityAlerts } from "../db/schema/quality";
import { webhookDeliveries, webhookEndpoints } from "../db/schema/webhooks";
import { contactLabel } from "../contacts/labels";

export const AUDIT_PAGE_SIZE = 50;

export type AuditEntry = Awaited<ReturnType<typeof listAuditEntries>>["rows"][number];

/** Entries recorded from `from` (inclusive) to `to` (exclusive); the export reads larger pages than the screen. */
export type AuditRange = { from?: Date; to?: Date; pageSize?: number };

/**
 * The workspace's staff audit log, newest first, by keyset on its id, each row with its subject named in words
 * (the form's name, the contact's number, the key's name): one statement for the page, every join scoped to the
 * workspace. A contact whose data was erased, or a subject since removed, comes back unnamed (null); the sentence
 * then says so, or uses what the row itself kept.
 */
export async function listAuditEntries(db: DbOrTx, workspaceId: string, before?: number, range: AuditRange = {}) {
  const pageSize = range.pageSize ?? AUDIT_PAGE_SIZE;
  const page = db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.workspaceId, workspaceId),
        before ? lt(auditLog.id, before) : undefined,
        range.from ? gte(auditLog.createdAt, range.from) : undefined,
        range.to ? lt(auditLog.createdAt, range.to) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(pageSize + 1)
    .as("page");
  const deliveryEndpoint = aliasedTable(webhookEndpoints, "delivery_endpoint");
  // The target id is text (ids of several tables); cast only for rows of the matching type, so the join can use
  // each table's primary key and a non-uuid id of another type is never cast.
  const target = (type: string, id: AnyColumn) =>
    and(eq(page.targetType, type), eq(id, sql`case when ${page.targetType} = ${type} then ${page.targetId}::uuid end`));
  const rows = await db
    .select({
      entry: {
        id: page.id,
        createdAt: page.createdAt,
        actorLabel: page.actorLabel,
        action: page.action,
        targetType: page.targetType,
        targetId: page.targetId,
        detail: page.detail,
        ip: page.ip,
        requestId: page.requestId,
      },
      form: forms.name,
      category: messageCategories.label,
      apiKey: apiKeys.name,
      endpoint: webhookEndpoints.url,
      deliveryEndpoint: deliveryEndpoint.url,
      importFile: importJobs.fileName,
      alert: qualityAlerts.title,
      contactPhone: contacts.phone,
      contactBsuid: contacts.bsuid,
    })
    .from(page)
    .leftJoin(forms, and(target("form", forms.id), eq(forms.workspaceId, workspaceId)))
    .leftJoin(messageCategories, and(target("category", messageCategories.id), eq(messageCategories.workspaceId, workspaceId)))
    .leftJoin(apiKeys, and(target("api_key", apiKeys.id), eq(apiKeys.workspaceId, workspaceId)))
    .leftJoin(webhookEndpoints, and(target("webhook_endpoint", webhookEndpoints.id), eq(webhookEndpoints.workspaceId, workspaceId)))
    .leftJoin(webhookDeliveries, and(target("webhook_delivery", webhookDeliveries.id), eq(webhookDeliveries.workspaceId, workspaceId)))
    .leftJoin(deliveryEndpoint, and(eq(deliveryEndpoint.id, webhookDeliveries.endpointId), eq(deliveryEndpoint.workspaceId, workspaceId)))
    .leftJoin(importJobs, and(target("import", importJobs.id), eq(importJobs.workspaceId, workspaceId)))
    .leftJoin(qualityAlerts, and(target("quality_alert", qualityAlerts.id), eq(qualityAlerts.workspaceId, workspaceId)))
    .leftJoin(contacts, and(target("contact", contacts.id), eq(contacts.workspaceId, workspaceId)))
    .orderBy(desc(page.id));
  const named = rows.map((r) => {
    const contact =
      r.entry.targetType === "contact" && (r.contactPhone || r.contactBsuid) ? contactLabel({ phone: r.contactPhone, bsuid: r.contactBsuid }) : null;
    const subject = r.form ?? r.category ?? r.apiKey ?? r.endpoint ?? r.deliveryEndpoint ?? r.importFile ?? r.alert ?? contact;
    return { ...r.entry, subject };
  });
  const list = named.slice(0, pageSize);
  return { rows: list, nextBefore: named.length > pageSize ? list.at(-1)!.id : undefined };
}

/** The newest audit entry of one kind, e.g. the last ledger verification. */
export async function latestAuditEntry(db: DbOrTx, workspaceId: string, action: string) {
  const [row] = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.action, action)))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return row;
}
