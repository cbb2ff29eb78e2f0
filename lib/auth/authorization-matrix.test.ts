import { readdirSync, readFileSync, statSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { importJobs } from "../db/schema/imports";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runWorkspaceAction, type WorkspaceActionDef } from "../handlers/workspace-action";
import { runWorkspaceRoute, type WorkspaceRouteDef } from "../handlers/workspace-route";
import { recordDeadLetter } from "../channels/dead-letters/store";
import { qualityAlerts } from "../db/schema/quality";
import { previewImport } from "../imports/jobs";
import { storeEvidenceFile } from "../evidence/files";
import { downloadEvidenceFile } from "../evidence/routes";
import { forms, formVersionSnapshots } from "../db/schema/forms";
import { sealSecret } from "../webhooks/secret-seal";
import { generateSigningSecret } from "../webhooks/signature";
import { outbox } from "../db/schema/ledger";
import { webhookDeliveries, webhookEndpoints } from "../db/schema/webhooks";
import { apiKeyScopes, createApiKey, type ApiKeyScope } from "../api-keys/keys";
import { createLeanApp } from "../server/lanes/lean-app";
import { leanRoutes } from "../server/lanes/lean.routes";
import { append } from "../ledger/append";
import { invitations } from "../db/schema/access";
import { createCategories } from "../categories/queries";
import { createLedgerFixture, webOptIn, type LedgerFixture } from "../../testing/fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { signedInMember, testMeta } from "../../testing/staff";
import type { ActiveSession } from "./staff-sessions";
import { roles, type Role } from "./roles";

/**
 * Every server action and route handler, for every role, in its own workspace and in another one.
 * The lists below are the expected answers, written out on purpose rather than read from the permission
 * table: changing who may do what must change this file too. A new "use server" export or route.ts that
 * is not listed here fails the first test.
 */
const root = path.resolve(import.meta.dirname, "../..");

type Fixture = { fx: LedgerFixture; contactId: string; db: TestDatabase };
type ActionCase = { allowed: Role[]; sample: (f: Fixture) => Promise<Record<string, unknown>> };
type RouteRequest = { url: string; params: Record<string, string>; init?: () => RequestInit };
type RouteCase = { allowed: Role[]; path: (f: Fixture) => RouteRequest | Promise<RouteRequest> };

const everyone = [...roles];
const compliance: Role[] = ["owner", "admin", "compliance"];
const admins: Role[] = ["owner", "admin"];
const formMakers: Role[] = ["owner", "admin", "marketer"];

async function freshMemberId(f: Fixture, role: Role = "viewer"): Promise<string> {
  return (await signedInMember(f.db.db, f.fx.workspace.id, role)).user.id;
}

const actionCases: Record<string, ActionCase> = {
  "contacts.recordConsent": {
    allowed: compliance,
    sample: async (f) => ({
      contactId: f.contactId,
      submissionId: crypto.randomUUID(),
      action: "opt_out",
      categories: ["offers"],
      via: "phone_call",
      occurredAt: new Date().toISOString(),
      note: "Called in",
    }),
  },
  "contacts.erase": { allowed: compliance, sample: async (f) => ({ contactId: f.contactId, reason: "Erasure request by email", confirm: "ERASE" }) },
  "ledger.verify": { allowed: compliance, sample: async () => ({}) },
  "ledger.checkpoint": { allowed: compliance, sample: async () => ({}) },
  "members.invite": { allowed: admins, sample: async () => ({ email: `new-${crypto.randomUUID()}@example.com`, role: "viewer" }) },
  "members.revokeInvitation": {
    allowed: admins,
    sample: async (f) => {
      const [row] = await f.db.db
        .insert(invitations)
        .values({
          workspaceId: f.fx.workspace.id,
          email: "x@example.com",
          role: "viewer",
          tokenHash: crypto.randomUUID(),
          expiresAt: new Date(Date.now() + 86_400_000),
        })
        .returning({ id: invitations.id });
      return { invitationId: row!.id };
    },
  },
  "members.changeRole": { allowed: admins, sample: async (f) => ({ userId: await freshMemberId(f), role: "marketer" }) },
  "members.remove": { allowed: admins, sample: async (f) => ({ userId: await freshMemberId(f) }) },
  "members.passwordResetLink": { allowed: admins, sample: async (f) => ({ userId: await freshMemberId(f) }) },
  "settings.profile.update": {
    allowed: admins,
    sample: async () => ({
      businessName: "Test Shop",
      legalName: "Test Shop Ltd",
      whatsappNumber: "+12015550100",
      brandColor: "#0f766e",
      defaultLanguage: "en",
      defaultCountry: "US",
      logoUrl: "",
      privacyPolicyUrl: "",
    }),
  },
  "settings.categories.create": {
    allowed: admins,
    sample: async () => ({
      key: `c_${crypto.randomUUID().slice(0, 8)}`,
      label: "New",
      description: "d",
      example: "e",
      frequency: "f",
      templateCategory: "utility",
    }),
  },
  "settings.categories.update": {
    allowed: admins,
    sample: async (f) => ({ categoryId: await freshCategoryId(f), label: "Renamed", description: "d", example: "e", frequency: "f" }),
  },
  "settings.categories.retire": { allowed: admins, sample: async (f) => ({ categoryId: await freshCategoryId(f) }) },
  "settings.categories.unretire": { allowed: admins, sample: async (f) => ({ categoryId: await freshCategoryId(f) }) },
  "settings.apiKeys.create": { allowed: admins, sample: async () => ({ name: "CRM", scopes: ["consents:read"] }) },
  "settings.apiKeys.revoke": {
    allowed: admins,
    sample: async (f) => ({ apiKeyId: (await createApiKey(f.db.db, { workspaceId: f.fx.workspace.id, name: "k", scopes: ["consents:read"] })).id }),
  },
  "settings.apiKeys.limit": {
    allowed: admins,
    sample: async (f) => ({
      apiKeyId: (await createApiKey(f.db.db, { workspaceId: f.fx.workspace.id, name: "k", scopes: ["consents:read"] })).id,
      rateLimitPerMinute: "120",
    }),
  },
  "settings.channels.whatsapp": { allowed: admins, sample: async () => ({ phoneNumberId: "106540352242922", appSecret: "app-secret-value", accessToken: "" }) },
  "settings.channels.sms": { allowed: admins, sample: async () => ({ authToken: "twilio-token-value" }) },
  "settings.channels.keywords": {
    allowed: admins,
    sample: async () => ({ keywords_en: "STOP", keywords_es: "BAJA, PARAR", keywords_pt_BR: "", keywords_hi: "", keywords_id: "" }),
  },
  "settings.channels.rotateVerifyToken": { allowed: admins, sample: async () => ({}) },
  "settings.webhooks.create": { allowed: admins, sample: async () => endpointFields },
  "settings.webhooks.update": { allowed: admins, sample: async (f) => ({ ...endpointFields, endpointId: await freshEndpointId(f) }) },
  "settings.webhooks.setStatus": { allowed: admins, sample: async (f) => ({ endpointId: await freshEndpointId(f), status: "disabled" }) },
  "settings.webhooks.remove": { allowed: admins, sample: async (f) => ({ endpointId: await freshEndpointId(f) }) },
  "settings.webhooks.rotateSecret": { allowed: admins, sample: async (f) => ({ endpointId: await freshEndpointId(f) }) },
  "settings.webhooks.sendTest": { allowed: admins, sample: async (f) => ({ endpointId: await freshEndpointId(f) }) },
  "settings.webhooks.redeliver": { allowed: admins, sample: async (f) => ({ deliveryId: await freshDeliveryId(f) }) },
  "imports.start": { allowed: compliance, sample: async (f) => ({ jobId: await freshImportJob(f) }) },
  "forms.create": { allowed: formMakers, sample: async () => ({ name: "New", slug: `f-${crypto.randomUUID().slice(0, 8)}`, channel: "web" }) },
  "forms.saveDraft": {
    allowed: formMakers,
    sample: async (f) => ({
      formId: await freshFormId(f),
      payload: JSON.stringify({ name: "Renamed", embedDomains: [], content: { ...f.fx.formVersion.content, languages: {} } }),
    }),
  },
  "forms.publish": { allowed: formMakers, sample: async (f) => ({ formId: await freshFormId(f) }) },
  "forms.archive": { allowed: formMakers, sample: async (f) => ({ formId: await freshFormId(f) }) },
  "forms.restore": { allowed: formMakers, sample: async (f) => ({ formId: await freshFormId(f) }) },
  "quality.thresholds.update": { allowed: formMakers, sample: async () => ({ optOutJumpPoints: "5", minOptIns: "20", ratingAlertLevel: "yellow" }) },
  "quality.rating.record": { allowed: formMakers, sample: async () => ({ rating: "yellow", messagingLimit: "TIER_1K", observedOn: "2026-01-15", note: "" }) },
  "quality.alerts.acknowledge": { allowed: ["owner", "admin", "marketer", "compliance"], sample: async (f) => ({ alertId: await freshAlertId(f) }) },
  "workspaces.create": {
    allowed: ["owner"],
    sample: async () => ({ businessName: "Second Shop", slug: `w-${crypto.randomUUID().slice(0, 8)}`, defaultCountry: "US" }),
  },
  "inbound.deadLetters.retry": { allowed: compliance, sample: async (f) => ({ deadLetterId: await freshDeadLetterId(f) }) },
};

async function freshDeadLetterId(f: Fixture): Promise<string> {
  return recordDeadLetter(f.db.db, {
    workspaceId: f.fx.workspace.id,
    channel: "sms",
    kind: "sms",
    reasonCode: "unreadable",
    reason: "A signed request without MessageSid.",
    raw: `From=%2B12015550113&Body=STOP&n=${crypto.randomUUID()}`,
    sender: { phone: "+12015550113" },
  });
}

async function freshAlertId(f: Fixture): Promise<string> {
  const [row] = await f.db.db
    .insert(qualityAlerts)
    .values({ workspaceId: f.fx.workspace.id, kind: "rating", conditionKey: `test:${crypto.randomUUID()}`, title: "Test alert", detail: {} })
    .returning({ id: qualityAlerts.id });
  return row!.id;
}

async function freshImportJob(f: Fixture): Promise<string> {
  const csv = `phone,categories,channel,occurred_at,source\n+1201555${String(4000 + ++paperPhone)},orders,paper,2026-03-01,Fair\n`;
  const job = await previewImport(f.db.db, { workspaceId: f.fx.workspace.id, fileName: "m.csv", bytes: new TextEncoder().encode(csv), createdBy: null });
  return job.id;
}

let paperPhone = 0;
function paperFormBody(f: Fixture): FormData {
  const form = new FormData();
  form.set("submissionId", crypto.randomUUID());
  form.set("phone", `+1201555${String(3000 + ++paperPhone)}`);
  form.append("categories", "orders");
  form.set("formVersionId", f.fx.formVersion.id);
  form.set("signedOn", "2026-11-20");
  form.set("scan", new Blob([new TextEncoder().encode(`%PDF-1.4 sheet ${paperPhone}`)]), "scan.pdf");
  return form;
}

const endpointFields = { url: "https://hooks.example.com/assent", description: "CRM", topics: ["consent.opt_out"] };

async function freshEndpointId(f: Fixture): Promise<string> {
  const [row] = await f.db.db
    .insert(webhookEndpoints)
    .values({ workspaceId: f.fx.workspace.id, url: endpointFields.url, topics: endpointFields.topics, secretSealed: sealSecret(generateSigningSecret()) })
    .returning({ id: webhookEndpoints.id });
  return row!.id;
}

async function freshDeliveryId(f: Fixture): Promise<string> {
  const endpointId = await freshEndpointId(f);
  const [message] = await f.db.db
    .insert(outbox)
    .values({ workspaceId: f.fx.workspace.id, topic: "webhook.test", payload: {}, status: "dispatched" })
    .returning({ id: outbox.id });
  const [row] = await f.db.db
    .insert(webhookDeliveries)
    .values({ workspaceId: f.fx.workspace.id, outboxId: message!.id, endpointId, topic: "webhook.test" })
    .returning({ id: webhookDeliveries.id });
  return row!.id;
}

async function freshFormId(f: Fixture): Promise<string> {
  const [row] = await f.db.db
    .insert(forms)
    .values({ workspaceId: f.fx.workspace.id, slug: `m-${crypto.randomUUID().slice(0, 8)}`, name: "M", channel: "web" })
    .returning({ id: forms.id });
  return row!.id;
}

async function freshCategoryId(f: Fixture): Promise<string> {
  const key = `m_${crypto.randomUUID().slice(0, 8)}`;
  const [row] = await createCategories(f.db.db, f.fx.workspace.id, [
    { key, label: "M", description: "d", example: "e", frequency: "f", templateCategory: "marketing" },
  ]);
  return row!.id;
}

const routeCases: Record<string, RouteCase> = {
  "forms.snapshot": {
    allowed: everyone,
    path: (f) => ({
      url: `http://t/${f.fx.workspace.slug}/forms/x/versions/${f.fx.formVersion.id}/snapshot?lang=en`,
      params: { form: "x", version: f.fx.formVersion.id },
    }),
  },
  "events.export": { allowed: compliance, path: (f) => ({ url: `http://t/${f.fx.workspace.slug}/exports/download?format=csv`, params: {} }) },
  "ledger.export": { allowed: compliance, path: (f) => ({ url: `http://t/${f.fx.workspace.slug}/ledger/proof`, params: {} }) },
  "audit.export": { allowed: compliance, path: (f) => ({ url: `http://t/${f.fx.workspace.slug}/audit/export?from=2026-01-01`, params: {} }) },
  "contacts.certificate": {
    allowed: ["owner", "admin", "compliance", "viewer"],
    path: (f) => ({ url: `http://t/${f.fx.workspace.slug}/contacts/${f.contactId}/certificate`, params: { contact: f.contactId } }),
  },
  "contacts.consent-record": {
    allowed: ["owner", "admin", "compliance", "viewer"],
    path: (f) => ({ url: `http://t/${f.fx.workspace.slug}/contacts/${f.contactId}/consent-record`, params: { contact: f.contactId } }),
  },
  "forms.preview.submit": {
    allowed: everyone,
    path: (f) => ({
      url: `http://t/preview/${f.fx.workspace.slug}/${f.fx.formVersion.formId}/submit`,
      params: { form: f.fx.formVersion.formId },
      init: () => ({
        method: "POST",
        headers: { origin: "http://t", accept: "application/json", "content-type": "application/x-www-form-urlencoded" },
        body: "submissionId=preview&language=en&phone=1",
      }),
    }),
  },
  "forms.poster": {
    allowed: everyone,
    path: (f) => ({ url: `http://t/${f.fx.workspace.slug}/forms/${f.fx.formVersion.formId}/poster?size=letter`, params: { form: f.fx.formVersion.formId } }),
  },
  "paper.record": {
    allowed: compliance,
    path: (f) => ({
      url: `http://t/${f.fx.workspace.slug}/contacts/paper/record`,
      params: {},
      init: () => ({ method: "POST", headers: { origin: "http://t" }, body: paperFormBody(f) }),
    }),
  },
  "imports.upload": {
    allowed: compliance,
    path: (f) => ({
      url: `http://t/${f.fx.workspace.slug}/contacts/import/upload?name=m.csv`,
      params: {},
      init: () => ({
        method: "POST",
        headers: { origin: "http://t", "content-type": "text/csv" },
        body: "phone,categories,channel,occurred_at,source\n+12015550199,orders,paper,2026-03-01,Fair\n",
      }),
    }),
  },
  "imports.template": { allowed: compliance, path: (f) => ({ url: `http://t/${f.fx.workspace.slug}/contacts/import/template`, params: {} }) },
  "imports.errors": {
    allowed: compliance,
    path: async (f) => {
      const job = await freshImportJob(f);
      return { url: `http://t/${f.fx.workspace.slug}/contacts/import/${job}/errors`, params: { job } };
    },
  },
  "evidence.download": {
    allowed: ["owner", "admin", "compliance", "viewer"],
    path: async (f) => {
      const { sha256 } = await storeEvidenceFile(f.db.db, {
        workspaceId: f.fx.workspace.id,
        bytes: new TextEncoder().encode(`%PDF-1.4 matrix ${crypto.randomUUID()}`),
        contentType: "application/pdf",
        createdBy: null,
      });
      return { url: `http://t/${f.fx.workspace.slug}/evidence/files/${sha256}`, params: { sha256 } };
    },
  },
  "forms.paperForm": {
    allowed: everyone,
    path: (f) => ({ url: `http://t/${f.fx.workspace.slug}/forms/${f.fx.formVersion.formId}/paper-form`, params: { form: f.fx.formVersion.formId } }),
  },
};

/** "use server" exports and route files that are not workspace-scoped, each with why it needs no role. */
const openActions: Record<string, string> = {
  "app/(auth)/sign-in/actions.ts#signInWithPassword": "signing in; throttled per account and IP",
  "app/(auth)/sign-in/actions.ts#signInWithSso": "starts single sign-on",
  "app/(auth)/sign-in/actions.ts#signOutAction": "ends the caller's own session",
  "app/(auth)/invite/[token]/actions.ts#acceptAsNewUser": "authorised by the invitation token",
  "app/(auth)/invite/[token]/actions.ts#acceptAsMember": "authorised by the invitation token and the signed-in invitee",
  "app/(auth)/reset-password/[token]/actions.ts#resetPasswordAction": "authorised by the reset token",
  "app/(auth)/forgot-password/actions.ts#requestPasswordResetAction":
    "asks for a reset link by email; same answer for any address; rate limited per network and per address",
  "app/(auth)/setup/actions.ts#completeSetup": "first run only: refused once any account exists",
};
const openRoutes: Record<string, string> = {
  "app/api/auth/[...nextauth]/route.ts": "Auth.js endpoints",
  "app/(public)/f/[workspace]/[form]/qr.svg/route.ts": "QR code of a published form's public address; nothing else",
  "app/(public)/f/[workspace]/[form]/qr.png/route.ts": "QR code of a published form's public address; nothing else",
  "app/(public)/f/[workspace]/[form]/busy/route.ts": "the 429 page a throttled no-JavaScript sign-up is sent to; reads and writes nothing",
  "app/api/bench/noop/route.ts": "the bench's trivial handler: 404 unless ASSENT_BENCH_ROUTES=1, and no data either way",
};

/**
 * Every route of the lean lane (lib/server/lanes/lean.routes.ts), by method and path: the API key scope it needs,
 * or what else authorises it. The lane's table is the only place its routes are mounted, so this covers them all.
 */
const leanCases: Record<string, { scope: ApiKeyScope } | { signed: "whatsapp" | "sms" } | { sameOrigin: string } | { open: string }> = {
  "GET /api/health": { open: "health check, no data" },
  "GET /api/v1/consent-checks": { scope: "consents:read" },
  "POST /api/v1/consent-checks": { scope: "consents:read" },
  "POST /api/v1/consents": { scope: "consents:write" },
  "GET /api/v1/contacts/:phone": { scope: "consents:read" },
  "GET /api/v1/events": { scope: "events:read" },
  "GET /api/v1/exports/events": { scope: "exports" },
  "GET /api/v1/ledger/verify": { scope: "events:read" },
  "GET /api/v1/openapi.json": { open: "the public API's OpenAPI document; no data" },
  "GET /api/webhooks/whatsapp/:workspace": { signed: "whatsapp" },
  "POST /api/webhooks/whatsapp/:workspace": { signed: "whatsapp" },
  "POST /api/webhooks/sms/:workspace": { signed: "sms" },
  "POST /f/:workspace/:form/submit": { sameOrigin: "the public opt-in form; rate limited" },
  "POST /p/:token/submit": { sameOrigin: "the preference centre; authorised by the link's token, rate limited" },
};

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

// Guarded definitions live, by convention, in files named actions.ts / *.actions.ts (dashboard writes) and
// routes.ts / *.routes.ts (route handlers). They are found by those names rather than imported by hand, so a new
// feature's definitions cannot be left out of the matrix; the "defined only in guarded files" test below keeps
// the convention honest.
const guardedFile = /(^|\/|\.)(actions|routes)\.ts$/;
const libFiles = walk(path.join(root, "lib")).map((f) => path.relative(root, f).split(path.sep).join("/"));
const guardedFiles = libFiles.filter((f) => guardedFile.test(f) && !f.startsWith("lib/handlers/"));
const defs = new Map<string, WorkspaceActionDef | WorkspaceRouteDef>();
for (const file of guardedFiles) {
  const mod = (await import(path.join(root, file))) as Record<string, unknown>;
  for (const [exportName, value] of Object.entries(mod)) {
    if (value && typeof value === "object" && "permission" in value && "name" in value) defs.set(exportName, value as WorkspaceActionDef);
  }
}

const appFiles = walk(path.join(root, "app")).map((f) => path.relative(root, f).split(path.sep).join("/"));

describe("every server action and route is in the authorisation matrix", () => {
  it("server actions", () => {
    const unlisted: string[] = [];
    for (const file of appFiles.filter((f) => /\.(ts|tsx)$/.test(f))) {
      const text = readFileSync(path.join(root, file), "utf8");
      if (!/^["']use server["']/.test(text.trimStart())) {
        expect(text, `${file}: inline "use server" functions must move to an actions.ts file`).not.toMatch(/["']use server["']/);
        continue;
      }
      for (const [, name, wrapped] of text.matchAll(/export\s+(?:const|async function)\s+(\w+)(?:\s*=\s*serverAction\((\w+)\))?/g)) {
        if (wrapped) {
          const def = defs.get(wrapped!);
          if (!def || !(def.name in actionCases)) unlisted.push(`${file}#${name} (${wrapped})`);
        } else if (!(`${file}#${name}` in openActions)) unlisted.push(`${file}#${name}`);
      }
    }
    expect(unlisted, "add these to the matrix").toEqual([]);
  });

  it("route handlers", () => {
    const unlisted: string[] = [];
    for (const file of appFiles.filter((f) => /\/route\.ts$/.test(f))) {
      const text = readFileSync(path.join(root, file), "utf8");
      const wrapped = [...text.matchAll(/routeHandler\((\w+)\)/g)].map((m) => m[1]!);
      if (wrapped.length === 0 && !(file in openRoutes)) unlisted.push(file);
      for (const w of wrapped) if (!(defs.get(w)?.name && defs.get(w)!.name in routeCases)) unlisted.push(`${file} (${w})`);
    }
    expect(unlisted, "add these to the matrix").toEqual([]);
  });

  it("lean lane routes", () => {
    expect(leanRoutes.map((r) => `${r.method} ${r.path}`).sort()).toEqual(Object.keys(leanCases).sort());
    for (const route of leanRoutes) {
      const spec = leanCases[`${route.method} ${route.path}`]!;
      expect(route.scope, `${route.method} ${route.path}`).toBe("scope" in spec ? spec.scope : undefined);
    }
  });

  it("workspace actions and routes are defined only in actions.ts / routes.ts files", () => {
    const elsewhere = libFiles.filter(
      (f) =>
        /\.tsx?$/.test(f) &&
        !f.endsWith(".test.ts") &&
        !guardedFile.test(f) &&
        !f.startsWith("lib/handlers/") &&
        /define(WorkspaceAction|WorkspaceRoute)\(/.test(readFileSync(path.join(root, f), "utf8")),
    );
    expect(elsewhere, "rename these to actions.ts / *.actions.ts or routes.ts / *.routes.ts").toEqual([]);
  });

  it("no matrix entry is stale", () => {
    const names = new Set([...defs.values()].map((d) => d.name));
    expect([...Object.keys(actionCases), ...Object.keys(routeCases)].filter((n) => !names.has(n))).toEqual([]);
  });
});

describe.each(testDatabaseKinds())("authorisation matrix on %s", (kind) => {
  let db: TestDatabase;
  let own: Fixture;
  let foreign: Fixture;
  const sessions = {} as Record<Role, ActiveSession>;
  const strangers = {} as Record<Role, ActiveSession>;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    const fx = await createLedgerFixture(db.db);
    const other = await createLedgerFixture(db.db);
    const receipt = await append(db.db, webOptIn(fx, "+12015550111", { categories: ["orders", "offers"] }));
    own = { fx, contactId: receipt.contactId, db };
    const foreignReceipt = await append(db.db, webOptIn(other, "+12015550112", { categories: ["orders", "offers"] }));
    foreign = { fx: other, contactId: foreignReceipt.contactId, db };
    await db.db
      .insert(formVersionSnapshots)
      .values({ formVersionId: other.formVersion.id, workspaceId: other.workspace.id, language: "en", html: "<p>page</p>", sha256: "x" });
    await db.db
      .insert(formVersionSnapshots)
      .values({ formVersionId: fx.formVersion.id, workspaceId: fx.workspace.id, language: "en", html: "<p>page</p>", sha256: "x" });
    for (const role of roles) {
      sessions[role] = await signedInMember(db.db, fx.workspace.id, role);
      strangers[role] = await signedInMember(db.db, other.workspace.id, role);
    }
  });
  afterAll(() => db?.drop());

  const actionDefs = () => [...defs.values()].filter((d): d is WorkspaceActionDef => "run" in d);
  const routeDefs = () => [...defs.values()].filter((d): d is WorkspaceRouteDef => "handle" in d);

  it("server actions: allowed roles get through, others are refused, other workspaces see nothing", async () => {
    const mismatches: string[] = [];
    for (const def of actionDefs()) {
      const spec = actionCases[def.name]!;
      const input = async () => ({ workspace: own.fx.workspace.slug, ...(await spec.sample(own)) });
      const anon = await runWorkspaceAction(def, db.db, null, testMeta, await input());
      if (anon.ok || anon.code !== "unauthenticated") mismatches.push(`${def.name} anonymous: ${anon.ok ? "ok" : anon.code}`);
      for (const role of roles) {
        const result = await runWorkspaceAction(def, db.db, sessions[role], testMeta, await input());
        const denied = !result.ok && (result.code === "forbidden" || result.code === "not_found" || result.code === "unauthenticated");
        const expectAllowed = spec.allowed.includes(role);
        // Allowed means it got past the guard; the sample may still be refused for its content (an unknown invitation).
        if (expectAllowed === denied) mismatches.push(`${def.name} as ${role}: ${result.ok ? "ok" : `${result.code} ${result.message}`}`);
        if (!expectAllowed && !result.ok && result.code !== "forbidden") mismatches.push(`${def.name} as ${role}: ${result.code}, expected forbidden`);
        const foreign = await runWorkspaceAction(def, db.db, strangers[role], testMeta, await input());
        if (foreign.ok || foreign.code !== "not_found") mismatches.push(`${def.name} as ${role} of another workspace: ${foreign.ok ? "ok" : foreign.code}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("lean lane: each API route needs its key's scope, each webhook its signature", async () => {
    const lane = createLeanApp(async () => db);
    const keyWith = async (scopes: ApiKeyScope[]) =>
      (await createApiKey(db.db, { workspaceId: own.fx.workspace.id, name: `matrix ${scopes.join(" ")}`, scopes })).key;
    const mismatches: string[] = [];
    for (const route of leanRoutes) {
      const spec = leanCases[`${route.method} ${route.path}`]!;
      const url = `http://t${route.path
        .replace(":phone", encodeURIComponent("+12015550111"))
        .replace(":workspace", own.fx.workspace.slug)
        .replace(":form", "join")
        .replace(":token", "x".repeat(43))}`;
      const call = async (headers: Record<string, string>) => {
        const response = await lane.fetch(
          new Request(url, {
            method: route.method,
            headers: { "content-type": "application/json", ...headers },
            body: route.method === "POST" ? "{}" : undefined,
          }),
        );
        await response.body?.cancel();
        return response.status;
      };
      const name = `${route.method} ${route.path}`;
      if ("scope" in spec) {
        if ((await call({})) !== 401) mismatches.push(`${name} without a key`);
        const others = apiKeyScopes.filter((s) => s !== spec.scope);
        const without = await call({ authorization: `Bearer ${await keyWith(others)}` });
        if (without !== 403) mismatches.push(`${name} with every scope but ${spec.scope}: ${without}`);
        const allowed = await call({ authorization: `Bearer ${await keyWith([spec.scope])}` });
        if (allowed === 401 || allowed === 403) mismatches.push(`${name} with ${spec.scope}: ${allowed}`);
      } else if ("signed" in spec) {
        // No channel is set up for this workspace, so nothing can sign for it: every call is refused.
        const status = await call(route.method === "GET" ? {} : { "x-hub-signature-256": "sha256=00", "x-twilio-signature": "AA==" });
        if (status < 400 || status >= 500) mismatches.push(`${name} unsigned: ${status}`);
      } else if ("sameOrigin" in spec) {
        // A person's browser posts these from Assent's own page; another site's page may not post for them.
        const status = await call({ origin: "https://attacker.example", "content-type": "application/x-www-form-urlencoded" });
        if (status !== 403) mismatches.push(`${name} from another site: ${status}`);
      } else if ((await call({})) !== 200) mismatches.push(`${name} (open)`);
    }
    expect(mismatches).toEqual([]);
  });

  it("route handlers: the same rules, as HTTP statuses", async () => {
    const mismatches: string[] = [];
    for (const def of routeDefs()) {
      const spec = routeCases[def.name]!;
      const { url, params, init } = await spec.path(own);
      const call = async (session: ActiveSession | null) => {
        const response = await runWorkspaceRoute(def, db.db, session, testMeta, new Request(url, init?.()), { workspace: own.fx.workspace.slug, ...params });
        // A streamed body holds a database connection until it is read or cancelled, as a browser would.
        await response.body?.cancel();
        return response.status;
      };
      if ((await call(null)) !== 401) mismatches.push(`${def.name} anonymous`);
      for (const role of roles) {
        const status = await call(sessions[role]);
        const expected = spec.allowed.includes(role) ? 200 : 403;
        if (status !== expected) mismatches.push(`${def.name} as ${role}: ${status}, expected ${expected}`);
        const foreign = await call(strangers[role]);
        if (foreign !== 404) mismatches.push(`${def.name} as ${role} of another workspace: ${foreign}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  // The evidence route serves scans to every role that reads evidence, but an import's raw file only to the
  // roles of the import pages (contacts:record): a viewer gets not-found for it, as for a made-up digest.
  it("an import's raw file: only the import pages' roles may download it", async () => {
    const job = await freshImportJob(own);
    const [row] = await db.db.select({ sha256: importJobs.fileSha256 }).from(importJobs).where(eq(importJobs.id, job));
    const sha256 = row!.sha256;
    const mismatches: string[] = [];
    for (const role of roles) {
      const response = await runWorkspaceRoute(
        downloadEvidenceFile,
        db.db,
        sessions[role],
        testMeta,
        new Request(`http://t/${own.fx.workspace.slug}/evidence/files/${sha256}`),
        { workspace: own.fx.workspace.slug, sha256 },
      );
      await response.body?.cancel();
      const expected = compliance.includes(role) ? 200 : ["viewer"].includes(role) ? 404 : 403;
      if (response.status !== expected) mismatches.push(`import file as ${role}: ${response.status}, expected ${expected}`);
    }
    expect(mismatches).toEqual([]);
  });

  // The cases above send the own workspace's ids under another workspace's slug. Here the slug is the caller's
  // own, and the ids (contacts, forms, keys, webhook endpoints, deliveries, categories, members, invitations,
  // form versions) are another workspace's: the owner must get not-found, and the other workspace must not change.
  it("another workspace's ids, sent under the own workspace, answer not-found and change nothing", async () => {
    const mismatches: string[] = [];
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    for (const def of actionDefs()) {
      const sample = await actionCases[def.name]!.sample(foreign);
      const idKeys = Object.keys(sample).filter((key) => key.endsWith("Id") && uuid.test(String(sample[key])));
      if (idKeys.length === 0) continue;
      const before = await workspaceDigest(db, foreign.fx.workspace.id);
      const result = await runWorkspaceAction(def, db.db, sessions.owner, testMeta, { workspace: own.fx.workspace.slug, ...sample });
      const after = await workspaceDigest(db, foreign.fx.workspace.id);
      for (const table of Object.keys(before)) if (before[table] !== after[table]) mismatches.push(`${def.name} changed the other workspace's ${table}`);
      const random = Object.fromEntries(Object.entries(sample).map(([key, value]) => [key, idKeys.includes(key) ? crypto.randomUUID() : value]));
      const guessed = await runWorkspaceAction(def, db.db, sessions.owner, testMeta, { workspace: own.fx.workspace.slug, ...random });
      // Not found; or, where the sample's other fields are refused first (forms.saveDraft's partial content), the
      // same refusal as for an id that exists nowhere, so the answer tells nothing about the other workspace.
      const answer = result.ok ? "ok" : result.code;
      const guessedAnswer = guessed.ok ? "ok" : guessed.code;
      if (!["not_found", "validation_failed"].includes(answer) || answer !== guessedAnswer) {
        mismatches.push(`${def.name} with another workspace's ${idKeys.join(", ")}: ${answer}; with a random one: ${guessedAnswer}`);
      }
    }
    for (const def of routeDefs()) {
      const { url, params, init } = await routeCases[def.name]!.path(foreign);
      if (Object.keys(params).length === 0) continue;
      const response = await runWorkspaceRoute(def, db.db, sessions.owner, testMeta, new Request(url, init?.()), {
        workspace: own.fx.workspace.slug,
        ...params,
      });
      await response.body?.cancel();
      if (response.status !== 404) mismatches.push(`${def.name} with another workspace's ${Object.keys(params).join(", ")}: ${response.status}`);
    }
    expect(mismatches).toEqual([]);
  });
});

/** A digest of a workspace's rows that an id-taking action could change, to show a refused one changed nothing. */
async function workspaceDigest(db: TestDatabase, workspaceId: string): Promise<Record<string, string>> {
  const tables = [
    "contacts",
    "consent_events",
    "api_keys",
    "webhook_endpoints",
    "webhook_deliveries",
    "forms",
    "message_categories",
    "memberships",
    "invitations",
    "inbound_dead_letters",
  ];
  const out: Record<string, string> = {};
  for (const table of tables) {
    const result = (await db.db.execute(
      sql.raw(
        `select count(*)::text || ':' || coalesce(md5(string_agg(t::text, ',' order by t::text)), '') as d from ${table} t where workspace_id = '${workspaceId}'`,
      ),
    )) as unknown as { rows: { d: string }[] };
    out[table] = result.rows[0]!.d;
  }
  return out;
}
