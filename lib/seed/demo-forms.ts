import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { forms } from "../db/schema/forms";
import type { MessageCategory } from "../categories/queries";
import { createForm, publishFormVersion } from "../forms/publish";
import { starterWording } from "../forms/wording-templates";
import type { BulkFormVersion } from "./bulk-chain";

const DAY = 86_400_000;

/** The demo's opt-in methods besides the website form, each launched some days before now. */
const demoForms = {
  inStore: { slug: "in-store", name: "In-store QR code", channel: "web", daysAgo: 76, keys: ["offers", "recommendations"] },
  giveaway: { slug: "giveaway", name: "Summer giveaway", channel: "web", daysAgo: 12, keys: ["offers", "recommendations"] },
  sms: { slug: "text-join", name: "Text JOIN", channel: "sms", daysAgo: 85, keys: ["offers"], keyword: "JOIN" },
  whatsapp: { slug: "whatsapp-coffee", name: "WhatsApp COFFEE", channel: "whatsapp", daysAgo: 80, keys: ["offers", "recommendations"], keyword: "COFFEE" },
  ivr: { slug: "phone-line", name: "Order line menu", channel: "ivr", daysAgo: 70, keys: ["order_updates", "offers"] },
  paper: { slug: "counter-sheet", name: "Counter sign-up sheet", channel: "paper", daysAgo: 88, keys: ["order_updates", "offers"] },
} as const;

export type DemoFormKey = keyof typeof demoForms;
export type DemoForm = BulkFormVersion & {
  formId: string;
  name: string;
  slug: string;
  launchedAt: number;
  keys: readonly string[];
  /** The version's consent sentence per category (English): what a keyword's choice opts in to. */
  consent: Record<string, string>;
};

/** Creates and publishes the demo's other forms, each version dated the day it launched. */
export async function createDemoForms(
  db: Db,
  ws: { id: string; businessName: string; privacyPolicyUrl: string | null },
  categories: MessageCategory[],
  now: number,
): Promise<Record<DemoFormKey, DemoForm>> {
  const made = {} as Record<DemoFormKey, DemoForm>;
  for (const [key, spec] of Object.entries(demoForms) as [DemoFormKey, (typeof demoForms)[DemoFormKey]][]) {
    const cats = spec.keys.map((k) => categories.find((c) => c.key === k)!);
    const keyword = "keyword" in spec ? spec.keyword : undefined;
    const form = await createForm(db, ws.id, { slug: spec.slug, name: spec.name, channel: spec.channel, keyword });
    const launchedAt = now - spec.daysAgo * DAY;
    const version = await publishFormVersion(
      db,
      ws.id,
      form.id,
      {
        businessName: ws.businessName,
        privacyPolicyUrl: ws.privacyPolicyUrl,
        defaultLanguage: "en",
        categoryKeys: [...spec.keys],
        askConfirmation: false,
        languages: {
          en: {
            ...starterWording("en", ws.businessName, cats),
            ...(spec.channel === "ivr" ? { ivrIntro: `Thanks for calling ${ws.businessName}.` } : {}),
          },
        },
        ...(keyword ? { keyword } : {}),
        ...(spec.channel === "ivr" ? { ivrKeys: { order_updates: "1", offers: "2" } } : {}),
      },
      null,
      new Date(launchedAt),
    );
    await db
      .update(forms)
      .set({ createdAt: new Date(launchedAt - DAY), updatedAt: new Date(launchedAt) })
      .where(eq(forms.id, form.id));
    const consent = version.content.languages.en!.consent;
    made[key] = {
      id: version.id,
      digest: version.digest,
      language: "en",
      formId: form.id,
      name: spec.name,
      slug: spec.slug,
      launchedAt,
      keys: spec.keys,
      consent,
    };
  }
  return made;
}
