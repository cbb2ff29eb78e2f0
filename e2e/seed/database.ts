/**
 * Prepares the end-to-end database before the app starts (PGlite allows one process per data directory):
 * the demo workspace, known sign-ins for each role, a second workspace for isolation checks, one contact with
 * a real opt-in through the demo form, and E2E_CONTACTS (default 100,000) bulk contacts around it.
 */
import { eq } from "drizzle-orm";
import { openAppDatabase } from "../../lib/db/app-db";
import { workspaces } from "../../lib/db/schema/workspaces";
import { createCategories, listActiveCategories } from "../../lib/categories/queries";
import { findPublishedForm } from "../../lib/forms/queries";
import { upsertMember } from "../../lib/auth/users";
import { createWorkspace } from "../../lib/workspace/queries";
import { append } from "../../lib/ledger/append";
import { generateBulkLedger } from "../../lib/seed/bulk-ledger";
import { seedDemoIfEmpty } from "../../lib/seed/demo";
import { DEMO_FORM_SLUG, DEMO_SLUG } from "../../lib/public-pages/demo-ids";
import { e2eAccounts, e2eContactPhone, e2eOtherWorkspace, e2eWebhookContactPhone } from "../support/accounts";
import { seedSsoAccounts } from "./sso";
import { seedEmbedForm } from "./embed";
import { seedQualityWorkspace } from "./quality";
import { foldWorkspace } from "../../lib/quality/fold";
import { seedThemedForm } from "./themed";

const handle = await openAppDatabase();
const db = handle.db;
const started = Date.now();
// Without the demo's own history: the specs count the contacts and events written here.
await seedDemoIfEmpty(db, { history: false });
const form = await findPublishedForm(db, DEMO_SLUG, DEMO_FORM_SLUG);
if (!form) throw new Error("the demo form is missing");
const demo = form.workspace;

await upsertMember(db, { workspaceId: demo.id, role: "owner", ...e2eAccounts.owner });
await upsertMember(db, { workspaceId: demo.id, role: "marketer", ...e2eAccounts.marketer });
await upsertMember(db, { workspaceId: demo.id, role: "compliance", ...e2eAccounts.compliance });
await seedSsoAccounts(db, demo.id);
await seedEmbedForm(db, demo.id, form.version.content);
await seedThemedForm(db, demo.id, form.version.content);
const [existingOther] = await db.select().from(workspaces).where(eq(workspaces.slug, e2eOtherWorkspace));
const other =
  existingOther ?? (await createWorkspace(db, { slug: e2eOtherWorkspace, businessName: "Other Shop", legalName: "Other Shop Ltd", defaultCountry: "US" }));
if (!existingOther) {
  await createCategories(db, other.id, [{ key: "news", label: "News", description: "d", example: "e", frequency: "f", templateCategory: "marketing" }]);
}
await upsertMember(db, { workspaceId: other.id, role: "owner", ...e2eAccounts.outsider });

const count = Number(process.env.E2E_CONTACTS ?? 100_000);
const categories = await listActiveCategories(db, demo.id);
const result = await generateBulkLedger(
  db,
  {
    workspaceId: demo.id,
    ledgerSalt: demo.ledgerSalt,
    categories: categories.map((c) => ({ id: c.id, key: c.key })),
    formVersion: { id: form.version.id, digest: form.version.digest, language: "en" },
    pageUrl: `http://127.0.0.1/f/${DEMO_SLUG}/${DEMO_FORM_SLUG}`,
  },
  { contacts: count, seed: 42 },
);
await append(db, {
  workspaceId: demo.id,
  phone: e2eContactPhone,
  name: "Erin Example",
  categories: ["order_updates", "offers"],
  action: "opt_in",
  channel: "web",
  formVersionId: form.version.id,
  language: "en",
  evidence: { pageUrl: `http://127.0.0.1/f/${DEMO_SLUG}/${DEMO_FORM_SLUG}` },
  network: { ip: "198.51.100.23", userAgent: "Mozilla/5.0 (Linux; Android 13) e2e" },
  actor: { type: "person" },
});
// A second opted-in contact, for the webhook spec to opt out without touching the dashboard spec's one.
await append(db, {
  workspaceId: demo.id,
  phone: e2eWebhookContactPhone,
  categories: ["order_updates", "offers"],
  action: "opt_in",
  channel: "web",
  formVersionId: form.version.id,
  language: "en",
  evidence: { pageUrl: `http://127.0.0.1/f/${DEMO_SLUG}/${DEMO_FORM_SLUG}` },
  network: { ip: "198.51.100.24", userAgent: "Mozilla/5.0 (Linux; Android 13) e2e" },
  actor: { type: "person" },
});
await seedQualityWorkspace(db);
// Fold the bulk ledger into the quality rollups here, before the app starts, rather than in its worker while
// the specs run (PGlite serves one transaction at a time).
const foldStarted = Date.now();
await foldWorkspace(db, demo.id, { wait: true });
console.log(`e2e seed: quality rollups folded in ${((Date.now() - foldStarted) / 1000).toFixed(1)} s`);
await handle.close();
console.log(`e2e seed: ${result.contacts} contacts, ${result.events} events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
