import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { runWorkspaceRoute } from "../../handlers/workspace-route";
import type { Role } from "../../auth/roles";
import type { ActiveSession } from "../../auth/staff-sessions";
import { evidenceFiles } from "../../db/schema/imports";
import { consentEvents, idempotencyKeys } from "../../db/schema/ledger";
import { downloadEvidenceFile } from "../../evidence/routes";
import { MAX_SCAN_BYTES } from "../../evidence/file-type";
import { sha256Of } from "../../evidence/files";
import { createForm, publishFormVersion } from "../../forms/publish";
import { defaultEnglishWording } from "../../forms/wording";
import { verifyLedger } from "../../ledger/verify";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../../testing/databases";
import { createLedgerFixture, type LedgerFixture } from "../../../testing/fixtures";
import { signedInMember, testMeta } from "../../../testing/staff";
import { recordPaperForm, signedOnProblem } from "./routes";
import jpeg from "jpeg-js";
import { deflateSync } from "node:zlib";
import { PNG } from "pngjs";

const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.4\n% signed form ${text}\n%%EOF\n`);
/** A real image, as a phone's scan is: decodable, its pixels from `seed` so each one is a different file. */
function pngOf(seed: string): Uint8Array {
  const image = new PNG({ width: 8, height: 8 });
  for (let i = 0; i < image.data.length; i++) image.data[i] = seed.charCodeAt(i % seed.length) ^ i;
  return new Uint8Array(PNG.sync.write(image));
}
function jpegOf(seed: string): Uint8Array {
  const data = Buffer.alloc(16 * 16 * 4);
  for (let i = 0; i < data.length; i++) data[i] = seed.charCodeAt(i % seed.length) ^ i;
  return new Uint8Array(jpeg.encode({ data, width: 16, height: 16 }, 90).data);
}
const withTail = (image: Uint8Array, tail: string | number[]) =>
  new Uint8Array([...image, ...(typeof tail === "string" ? new TextEncoder().encode(tail) : tail)]);

type Fields = { phone?: string; categories?: string[]; formVersionId?: string; signedOn?: string; note?: string; scan?: Uint8Array | null; scanName?: string };

describe("signedOnProblem", () => {
  const now = new Date("2026-11-25T18:00:00Z");
  it("takes today, a past day, and tomorrow's date only where it is already tomorrow somewhere", () => {
    expect(signedOnProblem("2026-11-25", now)).toBeNull();
    expect(signedOnProblem("2026-03-01", now)).toBeNull();
    expect(signedOnProblem("2026-11-26", now)).toBeNull();
    expect(signedOnProblem("2026-11-27", now)).toMatch(/future/);
    expect(signedOnProblem("2026-02-30", now)).toMatch(/real date/);
    expect(signedOnProblem("1999-12-31", now)).toMatch(/after 2000/);
  });
});

describe.each(testDatabaseKinds())("recording a signed paper form on %s", (kind) => {
  let t: TestDatabase;
  let fx: LedgerFixture;
  let other: LedgerFixture;
  let ordersOnlyVersionId: string;
  const sessions = {} as Record<Role, ActiveSession>;
  let stranger: ActiveSession;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createLedgerFixture(t.db);
    other = await createLedgerFixture(t.db);
    const orders = fx.categories.filter((c) => c.key === "orders");
    const form = await createForm(t.db, fx.workspace.id, { slug: "counter", name: "Counter sheet", channel: "paper" });
    ordersOnlyVersionId = (
      await publishFormVersion(t.db, fx.workspace.id, form.id, {
        businessName: fx.workspace.businessName,
        privacyPolicyUrl: null,
        defaultLanguage: "en",
        categoryKeys: ["orders"],
        askConfirmation: false,
        languages: { en: defaultEnglishWording(fx.workspace.businessName, orders) },
      })
    ).id;
    for (const role of ["owner", "compliance", "marketer", "viewer"] as Role[]) sessions[role] = await signedInMember(t.db, fx.workspace.id, role);
    stranger = await signedInMember(t.db, other.workspace.id, "compliance");
  });
  afterAll(() => t?.drop());

  function request(fields: Fields, headers: Record<string, string> = { origin: "http://t" }) {
    const form = new FormData();
    form.set("submissionId", crypto.randomUUID());
    form.set("phone", fields.phone ?? "(201) 555-0142");
    for (const c of fields.categories ?? ["orders", "offers"]) form.append("categories", c);
    form.set("formVersionId", fields.formVersionId ?? fx.formVersion.id);
    form.set("signedOn", fields.signedOn ?? "2026-11-20");
    if (fields.note !== undefined) form.set("note", fields.note);
    if (fields.scan !== null) form.set("scan", new Blob([new Uint8Array(fields.scan ?? pdf("default"))]), fields.scanName ?? "scan.pdf");
    return new Request(`http://t/${fx.workspace.slug}/contacts/paper/record`, { method: "POST", body: form, headers });
  }

  async function record(fields: Fields, session: ActiveSession | null = sessions.compliance, headers?: Record<string, string>) {
    const response = await runWorkspaceRoute(recordPaperForm, t.db, session, testMeta, request(fields, headers), { workspace: fx.workspace.slug });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> & { errors?: { field: string; message: string }[] } };
  }

  async function download(sha256: string, session: ActiveSession | null, slug = fx.workspace.slug) {
    return runWorkspaceRoute(downloadEvidenceFile, t.db, session, testMeta, new Request(`http://t/${slug}/evidence/files/${sha256}`), {
      workspace: slug,
      sha256,
    });
  }

  async function counts() {
    const [e] = await t.db.select({ n: count() }).from(consentEvents);
    const [f] = await t.db.select({ n: count() }).from(evidenceFiles);
    const [k] = await t.db.select({ n: count() }).from(idempotencyKeys);
    return { events: e!.n, files: f!.n, keys: k!.n };
  }

  it("records the opt-in with the scan's SHA-256 in the hashed evidence, occurred on the day signed", async () => {
    const scan = pdf("happy");
    const { status, body } = await record({ scan, note: "Signed at the Elm St counter" });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.sha256).toBe(sha256Of(scan));
    const events = await t.db
      .select()
      .from(consentEvents)
      .where(eq(consentEvents.contactId, body.contactId as string));
    expect(events.map((e) => e.categoryKey).sort()).toEqual(["offers", "orders"]);
    for (const e of events) {
      expect(e.channel).toBe("paper");
      expect(e.formVersionId).toBe(fx.formVersion.id);
      expect(e.evidence).toEqual({ documentDigest: sha256Of(scan), signedOn: "2026-11-20" });
      expect(e.occurredAt.toISOString()).toBe("2026-11-20T00:00:00.000Z");
      expect(e.recordedAt.getTime()).toBeGreaterThan(e.occurredAt.getTime());
      expect(e.actor).toMatchObject({ type: "staff", userId: sessions.compliance.user.id });
    }
    expect((await verifyLedger(t.db, { workspaceId: fx.workspace.id })).ok).toBe(true);
  });

  it.each<[string, Fields, string]>([
    ["no scan", { scan: null }, "scan"],
    ["an empty scan", { scan: new Uint8Array() }, "scan"],
    ["an executable named .pdf", { scan: new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]), scanName: "scan.pdf" }, "scan"],
    ["a malformed phone", { phone: "call me" }, "phone"],
    ["a landline-length number", { phone: "12" }, "phone"],
    ["no category", { categories: [] }, "categories"],
    ["an unknown category", { categories: ["orders", "raffle"] }, "categories"],
    ["a category the version does not offer", { categories: ["offers"], formVersionId: "__orders_only__" }, "categories"],
    ["a made-up version id", { formVersionId: "3f2c6a1e-0000-4000-8000-000000000000" }, "formVersionId"],
    ["something that is no id", { formVersionId: "version 3" }, "formVersionId"],
    ["another workspace's version id", { formVersionId: "__other__" }, "formVersionId"],
    ["a date in the future", { signedOn: "2099-01-01" }, "signedOn"],
    ["a date that does not exist", { signedOn: "2026-02-30" }, "signedOn"],
    ["a note over 2,000 characters", { note: "x".repeat(2001) }, "note"],
  ])("refuses %s with a field error and writes nothing", async (_name, fields, field) => {
    const resolved = { ...fields };
    if (fields.formVersionId === "__orders_only__") resolved.formVersionId = ordersOnlyVersionId;
    if (fields.formVersionId === "__other__") resolved.formVersionId = other.formVersion.id;
    const before = await counts();
    const { status, body } = await record({ ...resolved, scan: resolved.scan === undefined ? pdf(`refused ${_name}`) : resolved.scan });
    expect(status).toBe(422);
    expect(body.errors?.map((e) => e.field)).toContain(field);
    expect(await counts()).toEqual(before);
  });

  it("refuses a scan over the limit (422, or 413 far over), a request from another site and a marketer (403), writing nothing", async () => {
    const before = await counts();
    const big = new Uint8Array(MAX_SCAN_BYTES + 1);
    big.set(pdf("big"));
    const tooBig = await record({ scan: big });
    expect(tooBig.status).toBe(422);
    expect(tooBig.body.errors).toEqual([expect.objectContaining({ field: "scan", code: "too_large" })]);
    // Far past the limit, the body is not even read to its end.
    const huge = await record({ scan: new Uint8Array(MAX_SCAN_BYTES + 200_000) });
    expect(huge.status).toBe(413);
    expect(huge.body.errors?.[0]?.field).toBe("scan");
    expect((await record({}, sessions.compliance, { origin: "https://evil.example" })).status).toBe(403);
    expect((await record({}, sessions.compliance, {})).status).toBe(403);
    expect((await record({}, sessions.marketer)).status).toBe(403);
    expect((await record({}, sessions.viewer)).status).toBe(403);
    expect((await record({}, stranger)).status).toBe(404);
    expect((await record({}, null)).status).toBe(401);
    expect(await counts()).toEqual(before);
  });

  it("stores the same scan once, whichever forms name it", async () => {
    const scan = pngOf("two people on one sheet");
    const before = await counts();
    const a = await record({ scan, phone: "+12015550151", categories: ["orders"] });
    const b = await record({ scan, phone: "+12015550152", categories: ["orders"] });
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.sha256).toBe(b.body.sha256);
    const after = await counts();
    expect(after.files - before.files).toBe(1);
    expect(after.events - before.events).toBe(2);
  });

  it("keeps real PNG and JPEG scans, padding after the end marker included", async () => {
    let phone = 170;
    for (const scan of [pngOf("real png"), jpegOf("real jpeg"), withTail(pngOf("padded"), [0, 0, 0, 0]), withTail(jpegOf("padded"), "\r\n")]) {
      const { status, body } = await record({ scan, phone: `+1201555${String(++phone).padStart(4, "0")}` });
      expect(status, JSON.stringify(body)).toBe(200);
    }
  });

  it("refuses polyglots: an image with other data after its end, a broken image, a PDF that acts when opened", async () => {
    const active = (body: string) => new TextEncoder().encode(`%PDF-1.7\n1 0 obj << /Type /Catalog ${body} >> endobj\n%%EOF\n`);
    const compressed = new Uint8Array([
      ...new TextEncoder().encode("%PDF-1.7\n2 0 obj << /Type /ObjStm /Filter /FlateDecode >>\nstream\n"),
      ...deflateSync(Buffer.from("<< /S /JavaScript /JS (app.alert(1)) >>")),
      ...new TextEncoder().encode("\nendstream\nendobj\n%%EOF\n"),
    ]);
    const cases: [string, Uint8Array, RegExp][] = [
      [
        "PNG then HTML",
        withTail(pngOf("poly"), "<html><script>alert(document.cookie)</script></html>"),
        /PNG has \d+ bytes of other data after the image ends/,
      ],
      ["PNG then a few letters", withTail(pngOf("poly2"), "<svg/>"), /other data after the image ends/],
      ["JPEG then HTML", withTail(jpegOf("poly"), "<html><script>alert(1)</script></html>"), /JPEG has \d+ bytes of other data/],
      ["a PNG signature only", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /PNG could not be read/],
      ["a JPEG signature only", new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]), /JPEG could not be read/],
      ["/OpenAction /JavaScript", active("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"), /contains \/OpenAction/],
      ["hex-escaped /Open#41ction", active("/Open#41ction 3 0 R"), /contains \/OpenAction/],
      ["hex-escaped /#4A#53", active("/Names << /#4A#53 (x) >>"), /contains \/JS/],
      ["/AA", active("/AA << /O 4 0 R >>"), /contains \/AA/],
      ["/Launch", active("/Launch << /F (cmd.exe) >>"), /contains \/Launch/],
      ["/EmbeddedFile", active("/Type /EmbeddedFile"), /contains \/EmbeddedFile/],
      ["/RichMedia", active("/RichMedia 5 0 R"), /contains \/RichMedia/],
      ["/XFA", active("/AcroForm << /XFA 6 0 R >>"), /contains \/XFA/],
      ["/JavaScript in a compressed object stream", compressed, /contains \/JavaScript/],
    ];
    const before = await counts();
    let phone = 180;
    for (const [label, scan, reason] of cases) {
      const { status, body } = await record({ scan, phone: `+1201555${String(++phone).padStart(4, "0")}` });
      expect(status, label).toBe(422);
      expect(body.errors?.find((e) => e.field === "scan")?.message, label).toMatch(reason);
    }
    expect(await counts()).toEqual(before);
    // A plain PDF (the e2e scan, a scanner's output) is still kept.
    expect((await record({ scan: pdf("plain"), phone: "+12015550199" })).status).toBe(200);
  });

  it("serves the scan only to members who may read evidence in its workspace, as an attachment", async () => {
    const scan = pdf("download");
    const { body } = await record({ scan, phone: "+12015550160" });
    const sha = body.sha256 as string;
    const ok = await download(sha, sessions.viewer);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/pdf");
    expect(ok.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.pdf"$/);
    expect(ok.headers.get("x-content-type-options")).toBe("nosniff");
    expect(sha256Of(new Uint8Array(await ok.arrayBuffer()))).toBe(sha);
    expect((await download(sha, sessions.marketer)).status).toBe(403);
    expect((await download(sha, null)).status).toBe(401);
    // A member of another workspace: neither through this workspace nor through their own.
    expect((await download(sha, stranger)).status).toBe(404);
    expect((await download(sha, stranger, other.workspace.slug)).status).toBe(404);
    expect((await download("0".repeat(64), sessions.owner)).status).toBe(404);
    expect((await download("../etc/passwd", sessions.owner)).status).toBe(404);
  });
});
