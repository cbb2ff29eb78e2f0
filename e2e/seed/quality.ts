/**
 * The quality spec's workspace: an old form whose people stay and a new form whose people leave within days,
 * with thresholds set so high that nothing is flagged until the spec lowers them (after it has added a webhook
 * endpoint, so the alert has somewhere to go). The numbers here are what the spec reads back from the tables.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../../lib/db/client";
import { qualitySettings } from "../../lib/db/schema/quality";
import { workspaces } from "../../lib/db/schema/workspaces";
import { createCategories } from "../../lib/categories/queries";
import { upsertMember } from "../../lib/auth/users";
import { createWorkspace } from "../../lib/workspace/queries";
import { createForm, publishFormVersion } from "../../lib/forms/publish";
import { defaultEnglishWording } from "../../lib/forms/wording";
import { append } from "../../lib/ledger/append";
import type { LedgerCommand } from "../../lib/ledger/types";
import { foldWorkspace } from "../../lib/quality/fold";
import { qualityOwner, qualitySeed, qualityWorkspace } from "../support/quality-accounts";

const DAY = 86_400_000;

export async function seedQualityWorkspace(db: Db): Promise<void> {
  const [existing] = await db.select().from(workspaces).where(eq(workspaces.slug, qualityWorkspace));
  if (existing) return;
  const ws = await createWorkspace(db, { slug: qualityWorkspace, businessName: "Quality Shop", legalName: "Quality Shop Ltd", defaultCountry: "US" });
  await upsertMember(db, { workspaceId: ws.id, role: "owner", ...qualityOwner });
  const categories = await createCategories(db, ws.id, [
    { key: "news", label: "News", description: "d", example: "e", frequency: "f", templateCategory: "marketing" },
    { key: "offers", label: "Offers", description: "d", example: "e", frequency: "f", templateCategory: "marketing" },
  ]);
  const content = {
    businessName: ws.businessName,
    privacyPolicyUrl: null,
    defaultLanguage: "en",
    categoryKeys: categories.map((c) => c.key),
    askConfirmation: false,
    languages: { en: defaultEnglishWording(ws.businessName, categories) },
  };
  const publish = async (slug: string, name: string) =>
    publishFormVersion(db, ws.id, (await createForm(db, ws.id, { slug, name, channel: "web" })).id, content);
  const counter = await publish("counter", qualitySeed.counter.form);
  const giveaway = await publish("giveaway", qualitySeed.giveaway.form);
  const phone = (n: number) => `+1201555${String(3000 + n).padStart(4, "0")}`;
  const optIn = (n: number, formVersionId: string, category: string, occurredAt: Date): LedgerCommand => ({
    workspaceId: ws.id,
    phone: phone(n),
    categories: [category],
    action: "opt_in",
    channel: "web",
    formVersionId,
    evidence: { pageUrl: `http://127.0.0.1/f/${qualityWorkspace}/x` },
    network: { ip: "198.51.100.40", userAgent: "e2e" },
    actor: { type: "person" },
    occurredAt,
  });
  const now = Date.now();
  for (let i = 0; i < qualitySeed.counter.optIns; i++) await append(db, optIn(i, counter.id, "news", new Date(now - (20 - (i % 10)) * DAY)));
  for (let i = 0; i < qualitySeed.giveaway.optIns; i++) await append(db, optIn(100 + i, giveaway.id, "offers", new Date(now - 3 * DAY)));
  for (let i = 0; i < qualitySeed.giveaway.optOuts; i++) {
    await append(db, {
      workspaceId: ws.id,
      phone: phone(100 + i),
      categories: ["offers"],
      action: "opt_out",
      channel: "api",
      evidence: {},
      actor: { type: "system", name: "e2e" },
      occurredAt: new Date(now - 2 * DAY),
    });
  }
  await db.insert(qualitySettings).values({ workspaceId: ws.id, optOutJumpPoints: 5, minOptIns: 1000, ratingAlertLevel: "off" });
  await foldWorkspace(db, ws.id, { wait: true });
}
