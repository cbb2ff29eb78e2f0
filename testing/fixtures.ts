import type { Db } from "../lib/db/client";
import { createCategories, type MessageCategory } from "../lib/categories/queries";
import { createWorkspace, type Workspace } from "../lib/workspace/queries";
import { createForm, publishFormVersion, type FormVersion } from "../lib/forms/publish";
import { defaultEnglishWording } from "../lib/forms/wording";
import type { LedgerCommand } from "../lib/ledger/types";

export type LedgerFixture = { workspace: Workspace; categories: MessageCategory[]; formVersion: FormVersion };

let counter = 0;

/** A workspace with three categories and a published web form, as a test's starting point. */
export async function createLedgerFixture(db: Db, slug = `ws-${++counter}-${Date.now()}`): Promise<LedgerFixture> {
  const workspace = await createWorkspace(db, {
    slug,
    businessName: "Test Shop",
    legalName: "Test Shop Ltd",
    defaultCountry: "US",
  });
  const categories = await createCategories(db, workspace.id, [
    { key: "orders", label: "Order updates", description: "d", example: "e", frequency: "f", templateCategory: "utility" },
    { key: "offers", label: "Offers", description: "d", example: "e", frequency: "f", templateCategory: "marketing" },
    { key: "tips", label: "Tips", description: "d", example: "e", frequency: "f", templateCategory: "marketing" },
  ]);
  const form = await createForm(db, workspace.id, { slug: "join", name: "Join", channel: "web" });
  const formVersion = await publishFormVersion(db, workspace.id, form.id, {
    businessName: workspace.businessName,
    privacyPolicyUrl: null,
    defaultLanguage: "en",
    categoryKeys: categories.map((c) => c.key),
    askConfirmation: false,
    languages: { en: defaultEnglishWording(workspace.businessName, categories) },
  });
  return { workspace, categories, formVersion };
}

/** A valid web opt-in; override any part. Phone numbers are +1 201 555 01xx style US mobiles. */
export function webOptIn(fx: LedgerFixture, phone: string, overrides: Partial<LedgerCommand> = {}): LedgerCommand {
  return {
    workspaceId: fx.workspace.id,
    phone,
    categories: ["orders"],
    action: "opt_in",
    channel: "web",
    formVersionId: fx.formVersion.id,
    evidence: { pageUrl: "https://assent.example/f/test/join" },
    network: { ip: "203.0.113.7", userAgent: "Mozilla/5.0 (Linux; Android 10)" },
    actor: { type: "person" },
    ...overrides,
  };
}

export function apiOptOut(fx: LedgerFixture, phone: string, categories: string[]): LedgerCommand {
  return {
    workspaceId: fx.workspace.id,
    phone,
    categories,
    action: "opt_out",
    channel: "api",
    evidence: {},
    actor: { type: "system", name: "test" },
  };
}

export function testPhone(n: number): string {
  return `+1201555${String(1000 + (n % 9000)).padStart(4, "0")}`;
}
