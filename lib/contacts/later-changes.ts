import "server-only";
import { and, desc, eq, gt, inArray } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { consentEvents } from "../db/schema/ledger";
import { messageCategories } from "../db/schema/forms";
import type { ConsentAction } from "../ledger/types";
import { channelLabels } from "./labels";

const utc = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
// A confirmation confirms an opt-in: for what the person wants, it is one.
const wish = (action: ConsentAction) => (action === "confirm" ? "opt_in" : action);

/**
 * The categories where a back-dated staff entry would overrule what the person did since: the state follows the
 * order events are recorded in, so an opt-in dated 14:00 typed in after a 15:00 STOP would opt them back in. A
 * later change to the same wish is harmless. Returns one sentence per such category, oldest first.
 */
export async function laterContraryChanges(
  db: DbOrTx,
  input: { workspaceId: string; contactId: string; categories: string[]; action: "opt_in" | "opt_out"; occurredAt: Date },
): Promise<string[]> {
  const later = await db
    .select({
      categoryKey: consentEvents.categoryKey,
      label: messageCategories.label,
      action: consentEvents.action,
      channel: consentEvents.channel,
      occurredAt: consentEvents.occurredAt,
    })
    .from(consentEvents)
    .innerJoin(messageCategories, eq(messageCategories.id, consentEvents.categoryId))
    .where(
      and(
        eq(consentEvents.workspaceId, input.workspaceId),
        eq(consentEvents.contactId, input.contactId),
        inArray(consentEvents.categoryKey, input.categories),
        gt(consentEvents.occurredAt, input.occurredAt),
      ),
    )
    .orderBy(desc(consentEvents.occurredAt), desc(consentEvents.seq));
  const latest = new Map<string, (typeof later)[number]>();
  for (const event of later) if (!latest.has(event.categoryKey)) latest.set(event.categoryKey, event);
  return [...latest.values()]
    .filter((event) => wish(event.action) !== input.action)
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())
    .map((e) => `${e.label}: ${wish(e.action) === "opt_in" ? "opted in" : "opted out"} later (${channelLabels[e.channel]}, ${utc.format(e.occurredAt)} UTC)`);
}
