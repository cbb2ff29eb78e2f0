import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runWorkspaceAction } from "../handlers/workspace-action";
import { auditLog } from "../db/schema/access";
import { formVersions } from "../db/schema/forms";
import { workspaces } from "../db/schema/workspaces";
import type { ActiveSession } from "../auth/staff-sessions";
import { createLedgerFixture, type LedgerFixture } from "../../testing/fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { signedInMember, testMeta } from "../../testing/staff";
import { updateProfile } from "./actions";
import { profileSchema, whiteTextContrast } from "./profile.validation";

const valid = {
  businessName: "Acme Coffee",
  legalName: "Acme Coffee Roasters Ltd",
  whatsappNumber: "(201) 555-0123",
  logoUrl: "https://cdn.example.com/logo.png",
  brandColor: "#0F766E",
  defaultLanguage: "en",
  defaultCountry: "us",
  privacyPolicyUrl: "https://example.com/privacy",
  requireConfirmation: "on",
};

describe("profile schema", () => {
  it("normalises the WhatsApp number in the default country and tidies the rest", () => {
    const out = profileSchema.parse({ workspace: "w", ...valid });
    expect(out).toMatchObject({ whatsappNumber: "+12015550123", brandColor: "#0f766e", defaultCountry: "US", requireConfirmation: true });
  });

  it("reads a national number in the chosen country, and accepts a business landline", () => {
    expect(profileSchema.parse({ workspace: "w", ...valid, defaultCountry: "GB", whatsappNumber: "020 7946 0018" }).whatsappNumber).toBe("+442079460018");
  });

  it("turns blanks into nulls and an unticked box into false", () => {
    const out = profileSchema.parse({ workspace: "w", ...valid, whatsappNumber: "", logoUrl: " ", privacyPolicyUrl: "", requireConfirmation: undefined });
    expect(out).toMatchObject({ whatsappNumber: null, logoUrl: null, privacyPolicyUrl: null, requireConfirmation: false });
  });

  it("reports every bad field at once, the phone number included", () => {
    const result = profileSchema.safeParse({
      workspace: "w",
      ...valid,
      businessName: " ",
      whatsappNumber: "12",
      logoUrl: "http://example.com/logo.png",
      brandColor: "teal",
      defaultLanguage: "fr",
      defaultCountry: "ZZ",
      privacyPolicyUrl: "example.com/privacy",
    });
    expect(result.success).toBe(false);
    const fields = result.error!.issues.map((i) => i.path.join("."));
    expect(fields).toEqual(expect.arrayContaining(["businessName", "logoUrl", "brandColor", "defaultLanguage", "defaultCountry", "privacyPolicyUrl"]));
    // The number cannot be read without a valid country, so it is checked once the country is right.
    const phone = profileSchema.safeParse({ workspace: "w", ...valid, businessName: "", whatsappNumber: "12" });
    expect(phone.error!.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["businessName", "whatsappNumber"]));
    expect(phone.error!.issues.find((i) => i.path[0] === "whatsappNumber")!.message).toMatch(/too short/);
  });

  it("refuses a brand colour too light for white button text", () => {
    expect(whiteTextContrast("#0f766e")).toBeGreaterThan(4.5);
    const result = profileSchema.safeParse({ workspace: "w", ...valid, brandColor: "#ffee00" });
    expect(result.error!.issues[0]!.message).toMatch(/Too light: .*contrast of 1\.\d:1/);
  });
});

describe.each(testDatabaseKinds())("business profile on %s", (kind) => {
  let db: TestDatabase;
  let fx: LedgerFixture;
  let admin: ActiveSession;
  const input = (over: Record<string, unknown> = {}) => ({ workspace: fx.workspace.slug, ...valid, ...over });
  const row = async () => (await db.db.select().from(workspaces).where(eq(workspaces.id, fx.workspace.id)))[0]!;
  const audits = () =>
    db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, fx.workspace.id), eq(auditLog.action, "settings.profile")));

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    fx = await createLedgerFixture(db.db);
    admin = await signedInMember(db.db, fx.workspace.id, "admin");
  });
  afterAll(() => db?.drop());

  it("bad input gives a field list and changes nothing", async () => {
    const before = await row();
    const result = await runWorkspaceAction(updateProfile, db.db, admin, testMeta, input({ businessName: "", whatsappNumber: "not a phone" }));
    expect(result).toMatchObject({ ok: false, code: "validation_failed" });
    if (result.ok) return;
    expect(result.fields.map((f) => f.field).sort()).toEqual(["businessName", "whatsappNumber"]);
    expect(await row()).toEqual(before);
    expect(await audits()).toHaveLength(0);
  });

  it("saves the profile and audits the changed fields before and after, in the same transaction", async () => {
    const result = await runWorkspaceAction(updateProfile, db.db, admin, testMeta, input());
    expect(result).toMatchObject({ ok: true });
    expect(await row()).toMatchObject({ businessName: "Acme Coffee", whatsappNumber: "+12015550123", requireConfirmation: true, brandColor: "#0f766e" });
    const [entry, ...rest] = await audits();
    expect(rest).toHaveLength(0);
    expect(entry).toMatchObject({
      actorUserId: admin.user.id,
      targetType: "workspace",
      targetId: fx.workspace.id,
      ip: testMeta.ip,
      requestId: testMeta.requestId,
    });
    expect(entry!.detail).toEqual({
      businessName: { before: "Test Shop", after: "Acme Coffee" },
      legalName: { before: "Test Shop Ltd", after: "Acme Coffee Roasters Ltd" },
      whatsappNumber: { before: null, after: "+12015550123" },
      logoUrl: { before: null, after: "https://cdn.example.com/logo.png" },
      privacyPolicyUrl: { before: null, after: "https://example.com/privacy" },
      requireConfirmation: { before: false, after: true },
    });
    // Unchanged fields are not in the row: the brand colour, language and country were already these.
  });

  it("saving the same values again writes nothing", async () => {
    const result = await runWorkspaceAction(updateProfile, db.db, admin, testMeta, input());
    expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/Nothing to save/) });
    expect(await audits()).toHaveLength(1);
  });

  it("leaves published form versions' wording alone", async () => {
    await runWorkspaceAction(updateProfile, db.db, admin, testMeta, input({ businessName: "Renamed Roasters" }));
    expect(fx.formVersion.content.businessName).toBe("Test Shop");
    const [version] = await db.db.select().from(formVersions).where(eq(formVersions.id, fx.formVersion.id));
    expect(version!.content.businessName).toBe("Test Shop");
    expect(JSON.stringify(version!.content.languages)).not.toContain("Renamed Roasters");
  });

  it("is for owners and admins only", async () => {
    const marketer = await signedInMember(db.db, fx.workspace.id, "marketer");
    const result = await runWorkspaceAction(updateProfile, db.db, marketer, testMeta, input({ businessName: "Hijacked" }));
    expect(result).toMatchObject({ ok: false, code: "forbidden" });
    expect((await row()).businessName).not.toBe("Hijacked");
  });
});
