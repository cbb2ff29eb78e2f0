import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { channelSettings } from "../db/schema/channels";
import { workspaces } from "../db/schema/workspaces";
import { displayPhone } from "../phone/display";

/** The numbers people write a keyword to: the Twilio number (Settings → Channels) and the WhatsApp number (Settings). */
export type BusinessNumbers = { sms: string | null; whatsapp: string | null };

export async function findBusinessNumbers(db: DbOrTx, workspaceId: string): Promise<BusinessNumbers> {
  const [row] = await db
    .select({ whatsapp: workspaces.whatsappNumber, sms: channelSettings.smsNumber })
    .from(workspaces)
    .leftJoin(channelSettings, eq(channelSettings.workspaceId, workspaces.id))
    .where(eq(workspaces.id, workspaceId));
  return { sms: row?.sms ?? null, whatsapp: row?.whatsapp ?? null };
}

/** The number a keyword form's people write to, shown in the builder, and the settings page that sets it. */
export async function keywordBusinessNumber(db: DbOrTx, workspaceId: string, slug: string, channel: "sms" | "whatsapp") {
  const numbers = await findBusinessNumbers(db, workspaceId);
  const number = numbers[channel];
  return { number: number ? displayPhone(number, "en").number : null, ...keywordNumberSettings(slug, channel) };
}

/** The settings page where the number a keyword form's people write to is set. */
export function keywordNumberSettings(slug: string, channel: "sms" | "whatsapp") {
  return channel === "sms"
    ? { settingsHref: `/${slug}/settings/channels`, settingsLabel: "Settings → Channels" }
    : { settingsHref: `/${slug}/settings`, settingsLabel: "Settings → Business profile" };
}
