import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { asc, eq } from "drizzle-orm";
import { consentEvents } from "../db/schema/ledger";
import { formVersions } from "../db/schema/forms";
import { qualityDaily, qualityFormDaily } from "../db/schema/quality";
import type { AppError } from "../errors";
import { createForm, publishFormVersion } from "../forms/publish";
import { append } from "../ledger/append";
import type { LedgerCommand } from "../ledger/types";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { apiOptOut, createLedgerFixture, testPhone, webOptIn, type LedgerFixture } from "../../testing/fixtures";
import { foldWorkspace, NO_FORM } from "./fold";

const categoryKeys = ["orders", "offers", "tips"];
const DAY = 86_400_000;
const start = Date.UTC(2022, 0, 1);

const operation = fc.record({
  contact: fc.integer({ min: 0, max: 4 }),
  action: fc.constantFrom("opt_in" as const, "opt_out" as const, "confirm" as const),
  categories: fc.subarray(categoryKeys, { minLength: 1 }),
  /** Which form an opt-in comes through: 0 and 1 are web forms (1 asks for confirmation), 2 is the API. */
  via: fc.integer({ min: 0, max: 2 }),
  /** Hours after the previous operation: spans same-day, within-7, within-30 and older opt-outs. */
  gapHours: fc.constantFrom(0, 3, 30, 24 * 6, 24 * 7 - 2, 24 * 7 + 2, 24 * 20, 24 * 30 - 2, 24 * 30 + 2, 24 * 40),
  /** Fold after this operation, so folds meet the ledger at random points. */
  foldAfter: fc.boolean(),
});

type Counts = { optIns: number; optInsConfirmAsked: number; confirms: number; optOuts: number; optOuts7d: number; optOuts30d: number };
const zero = (): Counts => ({ optIns: 0, optInsConfirmAsked: 0, confirms: 0, optOuts: 0, optOuts7d: 0, optOuts30d: 0 });

/**
 * The rollups recomputed from scratch, independently of the SQL folder: every event of the workspace in chain
 * order per contact, each opt-out and confirmation attributed to the latest earlier opt-in or opt-out of its category.
 */
async function recount(t: TestDatabase, workspaceId: string) {
  const events = await t.db
    .select()
    .from(consentEvents)
    .where(eq(consentEvents.workspaceId, workspaceId))
    .orderBy(asc(consentEvents.contactId), asc(consentEvents.seq));
  const versions = new Map((await t.db.select().from(formVersions).where(eq(formVersions.workspaceId, workspaceId))).map((v) => [v.id, v]));
  const daily = new Map<string, Counts>();
  const submissions = new Map<string, number>();
  const last = new Map<string, (typeof events)[number]>();
  const previousOfContact = new Map<string, (typeof events)[number]>();
  for (const e of events) {
    const key = `${e.contactId}/${e.categoryId}`;
    const prev = last.get(key);
    const source = e.action === "opt_in" ? e : prev?.action === "opt_in" ? prev : null;
    const version = source?.formVersionId ? versions.get(source.formVersionId) : undefined;
    const day = e.occurredAt.toISOString().slice(0, 10);
    const bucket = `${day}|${e.categoryId}|${version?.formId ?? NO_FORM}|${source && e.action !== "opt_in" ? source.channel : e.channel}`;
    const c = daily.get(bucket) ?? zero();
    if (e.action === "opt_in") {
      c.optIns += 1;
      if (version?.content.askConfirmation) c.optInsConfirmAsked += 1;
    } else if (e.action === "confirm") {
      if (source) c.confirms += 1;
    } else {
      c.optOuts += 1;
      const delay = source ? e.occurredAt.getTime() - source.occurredAt.getTime() : Infinity;
      if (delay <= 7 * DAY) c.optOuts7d += 1;
      if (delay <= 30 * DAY) c.optOuts30d += 1;
    }
    daily.set(bucket, c);
    const before = previousOfContact.get(e.contactId);
    if (e.action === "opt_in" && e.channel === "web" && version && before?.commandId !== e.commandId) {
      const k = `${version.formId}|${day}`;
      submissions.set(k, (submissions.get(k) ?? 0) + 1);
    }
    previousOfContact.set(e.contactId, e);
    if (e.action !== "confirm") last.set(key, e);
  }
  return { daily, submissions };
}

async function stored(t: TestDatabase, workspaceId: string) {
  const daily = new Map<string, Counts>();
  for (const r of await t.db.select().from(qualityDaily).where(eq(qualityDaily.workspaceId, workspaceId))) {
    const { workspaceId: _w, day, categoryId, formId, channel, ...counts } = r;
    if (Object.values(counts).some((n) => n !== 0)) daily.set(`${day}|${categoryId}|${formId}|${channel}`, counts);
  }
  const submissions = new Map<string, number>();
  for (const r of await t.db.select().from(qualityFormDaily).where(eq(qualityFormDaily.workspaceId, workspaceId))) {
    if (r.submissions) submissions.set(`${r.formId}|${r.day}`, r.submissions);
  }
  return { daily, submissions };
}

const sorted = <V>(m: Map<string, V>) => [...m.entries()].sort(([a], [b]) => a.localeCompare(b));

describe.each(testDatabaseKinds())("quality rollups on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind, { maxConnections: 8 });
  });
  afterAll(() => t?.drop());

  async function secondForm(fx: LedgerFixture) {
    const form = await createForm(t.db, fx.workspace.id, { slug: "confirmed", name: "Confirmed", channel: "web" });
    return publishFormVersion(t.db, fx.workspace.id, form.id, { ...fx.formVersion.content, askConfirmation: true });
  }

  it("equal a fresh recount from the ledger after random event sequences folded at random points", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 4 }), async (ops, batch) => {
        run += 1;
        const fx = await createLedgerFixture(t.db);
        const confirmed = await secondForm(fx);
        let at = start;
        for (const op of ops) {
          at += op.gapHours * 3_600_000;
          const phone = testPhone(run * 10 + op.contact);
          const occurredAt = new Date(at);
          const command: LedgerCommand =
            op.action === "opt_in" && op.via < 2
              ? webOptIn(fx, phone, { categories: op.categories, occurredAt, formVersionId: op.via === 1 ? confirmed.id : fx.formVersion.id })
              : {
                  workspaceId: fx.workspace.id,
                  phone,
                  categories: op.categories,
                  action: op.action,
                  channel: "api",
                  evidence: {},
                  actor: { type: "system", name: "property" },
                  occurredAt,
                };
          try {
            await append(t.db, command);
          } catch (error) {
            // A confirmation of a category not opted in is refused by design; nothing else may fail.
            expect((error as AppError).fields?.[0]?.code).toBe("not_opted_in");
          }
          // A tiny batch makes the folder stop inside a command's events and go on from its watermark.
          if (op.foldAfter) await foldWorkspace(t.db, fx.workspace.id, { wait: false, batch });
        }
        await foldWorkspace(t.db, fx.workspace.id, { wait: true, batch });
        const [want, got] = await Promise.all([recount(t, fx.workspace.id), stored(t, fx.workspace.id)]);
        expect(sorted(got.daily)).toEqual(sorted(want.daily));
        expect(sorted(got.submissions)).toEqual(sorted(want.submissions));
      }),
      { numRuns: kind === "pglite" ? 20 : 25 },
    );
  });

  it("misses no event appended by concurrent writers while the worker folds", async () => {
    const fx = await createLedgerFixture(t.db);
    let stop = false;
    const folder = (async () => {
      while (!stop) await foldWorkspace(t.db, fx.workspace.id, { wait: false });
    })();
    await Promise.all(
      Array.from({ length: 6 }, (_, w) =>
        (async () => {
          for (let i = 0; i < 15; i++) {
            const phone = testPhone(5000 + ((w * 7 + i) % 9));
            await append(t.db, i % 3 === 2 ? apiOptOut(fx, phone, ["orders"]) : webOptIn(fx, phone));
          }
        })(),
      ),
    );
    stop = true;
    await folder;
    await foldWorkspace(t.db, fx.workspace.id, { wait: true });
    const [want, got] = await Promise.all([recount(t, fx.workspace.id), stored(t, fx.workspace.id)]);
    expect(sorted(got.daily)).toEqual(sorted(want.daily));
    const total = [...got.daily.values()].reduce((n, c) => n + c.optIns + c.optOuts, 0);
    expect(total).toBe(90);
  });
});
