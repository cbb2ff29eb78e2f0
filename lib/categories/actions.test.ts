import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runWorkspaceAction, type WorkspaceActionDef } from "../handlers/workspace-action";
import { auditLog } from "../db/schema/access";
import { messageCategories } from "../db/schema/forms";
import { listAllCategories } from "./queries";
import type { ActiveSession } from "../auth/staff-sessions";
import { append } from "../ledger/append";
import { apiOptOut, createLedgerFixture, webOptIn, type LedgerFixture } from "../../testing/fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { signedInMember, testMeta } from "../../testing/staff";
import * as categoryActions from "./actions";
import { createCategory, retireCategory, unretireCategory, updateCategory } from "./actions";

const newCategory = {
  key: "back_in_stock",
  label: "Back in stock",
  description: "When something you asked about is available again.",
  example: "The Huila beans are back: order before Friday.",
  frequency: "Only when you ask",
  templateCategory: "marketing",
};

describe.each(testDatabaseKinds())("message categories on %s", (kind) => {
  let db: TestDatabase;
  let fx: LedgerFixture;
  let other: LedgerFixture;
  let owner: ActiveSession;
  const run = (def: WorkspaceActionDef, input: Record<string, unknown>, session = owner) =>
    runWorkspaceAction(def, db.db, session, testMeta, { workspace: fx.workspace.slug, ...input });
  const categories = () => listAllCategories(db.db, fx.workspace.id);
  const audits = (prefix: string) =>
    db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, fx.workspace.id), like(auditLog.action, `${prefix}%`)))
      .orderBy(auditLog.id);

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    fx = await createLedgerFixture(db.db);
    other = await createLedgerFixture(db.db);
    owner = await signedInMember(db.db, fx.workspace.id, "owner");
  });
  afterAll(() => db?.drop());

  it("bad input gives a field list and adds nothing", async () => {
    const result = await run(createCategory, { ...newCategory, key: "Back In Stock!", label: "", templateCategory: "promotional" });
    expect(result).toMatchObject({ ok: false, code: "validation_failed" });
    if (result.ok) return;
    expect(result.fields.map((f) => f.field).sort()).toEqual(["key", "label", "templateCategory"]);
    expect(result.fields.find((f) => f.field === "key")!.message).toMatch(/lower-case letters/);
    expect(await categories()).toHaveLength(3);
    expect(await audits("category.")).toHaveLength(0);
  });

  it("adds a category at the end of the list, with an audit row", async () => {
    const result = await run(createCategory, newCategory);
    expect(result).toMatchObject({ ok: true });
    const all = await categories();
    expect(all.map((c) => c.key)).toEqual(["orders", "offers", "tips", "back_in_stock"]);
    expect(all[3]).toMatchObject({ ...newCategory, position: 3, retiredAt: null, workspaceId: fx.workspace.id });
    const [entry] = await audits("category.create");
    expect(entry).toMatchObject({
      actorUserId: owner.user.id,
      targetType: "category",
      targetId: all[3]!.id,
      detail: { key: "back_in_stock", label: "Back in stock" },
    });
  });

  it("refuses a duplicate key with a clear error on the key field", async () => {
    const result = await run(createCategory, { ...newCategory, label: "Restocks" });
    expect(result).toMatchObject({ ok: false, code: "category_key_taken", fields: [{ field: "key", code: "taken" }] });
    expect(await categories()).toHaveLength(4);
  });

  it("lets another workspace use the same key", async () => {
    const otherOwner = await signedInMember(db.db, other.workspace.id, "owner");
    const result = await runWorkspaceAction(createCategory, db.db, otherOwner, testMeta, { workspace: other.workspace.slug, ...newCategory });
    expect(result).toMatchObject({ ok: true });
  });

  it("edits the wording but never the key, and audits before and after", async () => {
    const target = (await categories()).find((c) => c.key === "offers")!;
    const result = await run(updateCategory, {
      categoryId: target.id,
      key: "sneaky_rename",
      label: "Deals",
      description: "d",
      example: "Half price today.",
      frequency: "f",
    });
    expect(result).toMatchObject({ ok: true });
    const after = (await categories()).find((c) => c.id === target.id)!;
    expect(after).toMatchObject({
      key: "offers",
      label: "Deals",
      description: "d",
      example: "Half price today.",
      frequency: "f",
      templateCategory: "marketing",
    });
    const [entry] = await audits("category.update");
    expect(entry!.detail).toEqual({ key: "offers", label: { before: "Offers", after: "Deals" }, example: { before: "e", after: "Half price today." } });
  });

  it("cannot edit another workspace's category", async () => {
    const foreign = other.categories[0]!;
    const result = await run(updateCategory, { categoryId: foreign.id, label: "Mine now", description: "d", example: "e", frequency: "f" });
    expect(result).toMatchObject({ ok: false, code: "not_found" });
    const [row] = await db.db.select().from(messageCategories).where(eq(messageCategories.id, foreign.id));
    expect(row!.label).toBe("Order updates");
  });

  it("retires and un-retires, with an audit row for each change; retired categories refuse opt-ins but keep opt-outs", async () => {
    const tips = (await categories()).find((c) => c.key === "tips")!;
    await append(db.db, webOptIn(fx, "+12015550140", { categories: ["tips"] }));

    expect(await run(retireCategory, { categoryId: tips.id })).toMatchObject({ ok: true });
    expect((await categories()).find((c) => c.id === tips.id)!.retiredAt).toBeInstanceOf(Date);
    expect(await run(retireCategory, { categoryId: tips.id })).toMatchObject({ ok: true, message: expect.stringMatching(/already retired/) });
    await expect(append(db.db, webOptIn(fx, "+12015550141", { categories: ["tips"] }))).rejects.toThrow();
    await expect(append(db.db, apiOptOut(fx, "+12015550140", ["tips"]))).resolves.toBeTruthy();

    expect(await run(unretireCategory, { categoryId: tips.id })).toMatchObject({ ok: true });
    expect((await categories()).find((c) => c.id === tips.id)!.retiredAt).toBeNull();
    expect((await audits("category.")).map((a) => a.action).filter((a) => a.endsWith("retire"))).toEqual(["category.retire", "category.unretire"]);
  });

  it("a retired category's key stays taken", async () => {
    const orders = (await categories()).find((c) => c.key === "orders")!;
    await run(retireCategory, { categoryId: orders.id });
    const result = await run(createCategory, { ...newCategory, key: "orders" });
    expect(result).toMatchObject({ ok: false, code: "category_key_taken", message: expect.stringMatching(/retired category/) });
  });

  it("offers no way to delete a category", async () => {
    const names = Object.values(categoryActions as Record<string, unknown>)
      .filter((v): v is WorkspaceActionDef => typeof v === "object" && v !== null && "name" in v)
      .map((d) => d.name);
    expect(names.sort()).toEqual(["settings.categories.create", "settings.categories.retire", "settings.categories.unretire", "settings.categories.update"]);
    expect(names.some((n) => /delete|remove/i.test(n))).toBe(false);
    // The count only ever grows: four here, after every action above.
    expect(await categories()).toHaveLength(4);
  });

  it("is for owners and admins only", async () => {
    for (const role of ["marketer", "compliance", "viewer"] as const) {
      const session = await signedInMember(db.db, fx.workspace.id, role);
      expect(await run(createCategory, { ...newCategory, key: `by_${role}` }, session)).toMatchObject({ ok: false, code: "forbidden" });
    }
    const admin = await signedInMember(db.db, fx.workspace.id, "admin");
    expect(await run(createCategory, { ...newCategory, key: "by_admin" }, admin)).toMatchObject({ ok: true });
  });
});
