import { and, eq } from "drizzle-orm";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runWorkspaceAction } from "../handlers/workspace-action";
import { auditLog } from "../db/schema/access";
import { forms, messageCategories } from "../db/schema/forms";
import { memberships, workspaces } from "../db/schema/workspaces";
import type { ActiveSession } from "../auth/staff-sessions";
import { createLedgerFixture, type LedgerFixture } from "../../testing/fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { signedInMember, testMeta } from "../../testing/staff";
import * as workspaceCreate from "../../cli/commands/workspace-create";
import { createWorkspaceAction } from "./create.actions";
import { findWorkspaceBySlug } from "./queries";
import { MAX_OWNED_WORKSPACES } from "./new-workspace.validation";

describe.each(testDatabaseKinds())("creating a workspace from the dashboard on %s", (kind) => {
  let t: TestDatabase;
  let fx: LedgerFixture;
  let owner: ActiveSession;
  let n = 0;
  const slug = () => `second-${++n}-${Date.now().toString(36)}`;
  const create = (session: ActiveSession, fields: Record<string, unknown>) =>
    runWorkspaceAction(createWorkspaceAction, t.db, session, testMeta, { workspace: fx.workspace.slug, defaultCountry: "IN", ...fields });
  const count = async () => (await t.db.select({ id: workspaces.id }).from(workspaces)).length;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createLedgerFixture(t.db);
    owner = await signedInMember(t.db, fx.workspace.id, "owner");
  });
  afterAll(() => t?.drop());

  it("makes the workspace as workspace:create does, with the caller as owner, audited there, and lands on it", async () => {
    const s = slug();
    const result = await create(owner, { businessName: "Brew & Co", slug: s.toUpperCase() });
    expect(result).toMatchObject({ ok: true, redirectTo: `/${s}` });
    const made = (await findWorkspaceBySlug(t.db, s))!;
    expect(made).toMatchObject({ businessName: "Brew & Co", legalName: "Brew & Co", defaultCountry: "IN", defaultLanguage: "en", requireConfirmation: false });
    const [member] = await t.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.workspaceId, made.id), eq(memberships.userId, owner.user.id)));
    expect(member?.role).toBe("owner");
    // Nothing of the first workspace comes along.
    expect(await t.db.select().from(messageCategories).where(eq(messageCategories.workspaceId, made.id))).toEqual([]);
    expect(await t.db.select().from(forms).where(eq(forms.workspaceId, made.id))).toEqual([]);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.workspaceId, made.id));
    expect(audit).toMatchObject([
      { action: "workspace.create", actorUserId: owner.user.id, targetId: made.id, detail: { slug: s, fromWorkspace: fx.workspace.slug } },
    ]);

    // The command line makes the same workspace from the same input: the same columns, bar ids, salt and times.
    const viaCli = slug();
    await workspaceCreate.run(t.db, ["--slug", viaCli, "--business", "Brew & Co", "--country", "IN", "--owner", owner.user.email], new PassThrough());
    const cli = (await findWorkspaceBySlug(t.db, viaCli))!;
    const comparable = ({ id: _i, slug: _s, ledgerSalt: _l, createdAt: _c, ...rest }: typeof made) => rest;
    expect(comparable(cli)).toEqual(comparable(made));
  });

  it("refuses a taken or reserved short name, and bad fields, each by field, creating nothing", async () => {
    const before = await count();
    const taken = await create(owner, { businessName: "Again", slug: fx.workspace.slug });
    expect(taken).toMatchObject({ ok: false, code: "validation_failed", fields: [{ field: "slug", code: "taken" }] });
    expect(!taken.ok && taken.fields[0]!.message).toContain("already taken");
    const reserved = await create(owner, { businessName: "Again", slug: "dashboard" });
    expect(reserved).toMatchObject({ ok: false, fields: [{ field: "slug", code: "reserved" }] });
    const bad = await create(owner, { businessName: " ", slug: "No Spaces!", defaultCountry: "ZZ" });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.fields.map((f) => f.field).sort()).toEqual(["businessName", "defaultCountry", "slug"]);
    expect(await count()).toBe(before);
  });

  it("only an owner may, and at most ten owned workspaces per account", async () => {
    const admin = await signedInMember(t.db, fx.workspace.id, "admin");
    expect(await create(admin, { businessName: "Admin's", slug: slug() })).toMatchObject({ ok: false, code: "forbidden" });

    const busy = await signedInMember(t.db, fx.workspace.id, "owner");
    const results = await Promise.all(Array.from({ length: MAX_OWNED_WORKSPACES }, (_, i) => create(busy, { businessName: `Shop ${i}`, slug: slug() })));
    // The fixture's workspace is one of the ten.
    expect(results.filter((r) => r.ok)).toHaveLength(MAX_OWNED_WORKSPACES - 1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual(["too_many_workspaces"]);
    const owned = await t.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.userId, busy.user.id), eq(memberships.role, "owner")));
    expect(owned).toHaveLength(MAX_OWNED_WORKSPACES);
  });
});
