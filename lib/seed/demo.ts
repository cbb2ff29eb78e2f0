import "server-only";
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { workspaces } from "../db/schema/workspaces";
import { createCategories } from "../categories/queries";
import { upsertMember } from "../auth/users";
import { createWorkspace } from "../workspace/queries";
import { createForm, publishFormVersion } from "../forms/publish";
import { DEMO_FORM_SLUG, DEMO_SLUG } from "../public-pages/demo-ids";
import { demoWording } from "./demo-wording";
import { DEMO_HISTORY_DAYS, seedDemoHistory, type DemoHistoryResult } from "./demo-history";

export const DEMO_OWNER_EMAIL = "owner@demo.assent.local";

const demoCategories = [
  {
    key: "order_updates",
    label: "Order updates",
    description: "Confirmations, receipts and delivery news for orders you place.",
    example: "Your flat white order #1042 is ready for pick-up at Market Street.",
    frequency: "Only when you order",
    templateCategory: "utility" as const,
  },
  {
    key: "offers",
    label: "Offers",
    description: "Discounts and seasonal deals.",
    example: "This week only: 2-for-1 cold brew before 10am.",
    frequency: "Up to 2 a month",
    templateCategory: "marketing" as const,
  },
  {
    key: "recommendations",
    label: "Product recommendations",
    description: "New beans and drinks picked for what you like.",
    example: "New single-origin from Huila, Colombia: notes of cherry and cocoa.",
    frequency: "Up to 1 a month",
    templateCategory: "marketing" as const,
  },
];

export type DemoSeedResult = { ownerEmail: string; ownerPassword: string; formPath: string; history: DemoHistoryResult | null };

const DAY = 86_400_000;

/**
 * Gives an empty database the demo workspace, with about 90 days of history unless `history` is false (the e2e
 * seed writes its own contacts on it and counts them). Returns the owner's sign-in the one time it is created
 * (the caller prints it), and null when any workspace already exists.
 */
export async function seedDemoIfEmpty(db: Db, options: { history?: boolean; baseUrl?: string; now?: number } = {}): Promise<DemoSeedResult | null> {
  const history = options.history ?? true;
  const now = options.now ?? Date.now();
  const base = await db.transaction(async (tx) => {
    // Instances starting together on one PostgreSQL must not both seed.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('assent:seed'))`);
    const [existing] = await tx.select({ id: workspaces.id }).from(workspaces).limit(1);
    if (existing) return null;
    const txDb = tx as unknown as Db;
    const ws = await createWorkspace(txDb, {
      slug: DEMO_SLUG,
      businessName: "Acme Coffee",
      legalName: "Acme Coffee Roasters Ltd",
      whatsappNumber: "+14155550100",
      defaultLanguage: "en",
      defaultCountry: "US",
      privacyPolicyUrl: "https://example.com/acme-coffee/privacy",
    });
    const categories = await createCategories(txDb, ws.id, demoCategories);
    const form = await createForm(txDb, ws.id, { slug: DEMO_FORM_SLUG, name: "Website sign-up", channel: "web" });
    const version = await publishFormVersion(
      txDb,
      ws.id,
      form.id,
      {
        businessName: ws.businessName,
        privacyPolicyUrl: ws.privacyPolicyUrl,
        defaultLanguage: "en",
        categoryKeys: categories.map((c) => c.key),
        askConfirmation: true,
        // The consumer pages speak five languages; the demo shows all of them.
        languages: demoWording(ws.businessName, categories),
      },
      null,
      // With history, the website form is where it began, the day before the first sign-up.
      history ? new Date(now - (DEMO_HISTORY_DAYS + 1) * DAY) : undefined,
    );
    const ownerPassword = randomBytes(12).toString("base64url");
    const { user } = await upsertMember(txDb, { workspaceId: ws.id, email: DEMO_OWNER_EMAIL, name: "Demo Owner", role: "owner", password: ownerPassword });
    return { ws, categories, form, version, user, ownerPassword };
  });
  if (!base) return null;
  // Outside the workspace's transaction: the bulk writer loads through its own connection (PGlite's own
  // transaction), which would wait for this one. A start that dies half-way leaves a demo with less history.
  const seeded = history
    ? await seedDemoHistory(
        db,
        {
          workspace: base.ws,
          categories: base.categories,
          website: { id: base.version.id, digest: base.version.digest, language: "en", formId: base.form.id },
          owner: { id: base.user.id, email: DEMO_OWNER_EMAIL },
          baseUrl: options.baseUrl ?? "http://localhost:3000",
        },
        now,
      )
    : null;
  return { ownerEmail: DEMO_OWNER_EMAIL, ownerPassword: base.ownerPassword, formPath: `/f/${DEMO_SLUG}/${DEMO_FORM_SLUG}`, history: seeded };
}
