import { expect, test } from "@playwright/test";
import type fc from "fast-check";
import { startAttackTarget, type AttackTarget } from "../../testing/attack-target";
import {
  actionFetchRequests,
  actionPostRequests,
  apiRequests,
  brokenOptInFields,
  brokenPreferenceFields,
  forgedPreferenceToken,
  preferenceFields,
  consumerPageRequests,
  smsRequests,
  whatsappRequests,
  type FuzzRequest,
} from "../../testing/fuzz-requests";
import { fuzz, newTally, type FuzzTally } from "../../testing/fuzz-runner";
import { e2ePort } from "../support/ports";

/**
 * Thousands of malformed requests against every public surface (testing/fuzz-requests.ts says what each
 * sends): no answer may be a 5xx or leak internals, and none may record anything. The app runs as the production server (`npm start`)
 * from this build on its own PostgreSQL database, so the rows can be counted while it runs.
 * FUZZ_RUNS (requests per surface) and FUZZ_SEED replay or widen a run.
 */
const runs = Number(process.env.FUZZ_RUNS ?? 200);
const seed = Number(process.env.FUZZ_SEED ?? 20261125);
const port = e2ePort(3330);
/** Rows only a well-formed, signed inbound message may add (the id it remembers, a quality notice). */
const inboundTables = ["inbound", "quality_updates"];

test.skip(({ isMobile }) => isMobile, "requests, not pages: one project is enough");
test.skip(!process.env.TEST_DATABASE_URL, "needs TEST_DATABASE_URL (PostgreSQL) to count rows while the app runs");
test.describe.configure({ mode: "serial" });

let target: AttackTarget;
const total: FuzzTally = newTally();

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(180_000);
  target = await startAttackTarget(port);
});

test.afterAll(async () => {
  console.log(
    `fuzz: ${total.tried} malformed requests tried (seed ${seed}), ${total.serverErrors} answered 5xx, ${total.resets} refused by closing the connection mid-request; statuses ${JSON.stringify(total.byStatus)}`,
  );
  await target?.stop();
});

async function attack(requests: fc.Arbitrary<FuzzRequest>) {
  const before = await target.counts();
  const tally = newTally();
  try {
    await fuzz(port, requests, tally, { seed, numRuns: runs });
  } catch (error) {
    // The answer carries only a digest; the server's log says what threw.
    throw new Error(`${(error as Error).message}\n--- server log (last lines) ---\n${target.log().split("\n").slice(-40).join("\n")}`);
  } finally {
    total.tried += tally.tried;
    total.serverErrors += tally.serverErrors;
    total.resets += tally.resets;
    for (const [status, n] of Object.entries(tally.byStatus)) total.byStatus[Number(status)] = (total.byStatus[Number(status)] ?? 0) + n;
  }
  const after = await target.counts();
  const accepted = Object.entries(tally.byStatus).reduce((sum, [status, n]) => sum + (Number(status) < 300 ? n : 0), 0);
  const changed = Object.keys(after).filter((table) => after[table] !== before[table] && !inboundTables.includes(table));
  expect(
    changed.map((t) => `${t}: ${before[t]} → ${after[t]}`),
    "malformed requests wrote rows",
  ).toEqual([]);
  for (const table of inboundTables) expect(after[table]! - before[table]!, `${table} grew by more than the accepted requests`).toBeLessThanOrEqual(accepted);
  expect(tally.serverErrors).toBe(0);
}

/** What a page from an earlier build sends: a server action's id this build does not know (no page here has one now). */
const staleActionId = "ff".repeat(21);

test("the hosted form's stable submit address, posted without JavaScript; and a stale page's server-action call", async () => {
  const path = `/f/${target.seed.a.slug}/${target.seed.a.formSlug}`;
  await attack(actionPostRequests(target.base, `${path}/submit`, [], brokenOptInFields, "hosted form"));
  await attack(actionFetchRequests(target.base, path, staleActionId, brokenOptInFields, "hosted form (stale action)"));
});

test("the preference centre's stable submit address; and a stale page's server-action call", async () => {
  const path = `/p/${target.seed.a.preferenceToken}`;
  await attack(actionPostRequests(target.base, `${path}/submit`, [], brokenPreferenceFields(), "preference centre"));
  const forged = `/p/${forgedPreferenceToken(target.seed.a.preferenceToken)}/submit`;
  await attack(actionPostRequests(target.base, forged, [], preferenceFields(), "preference centre (forged link)"));
  await attack(actionFetchRequests(target.base, path, staleActionId, brokenPreferenceFields(), "preference centre (stale action)"));
});

test("the consumer pages, with hostile paths, queries and languages", async () => {
  await attack(consumerPageRequests(target.seed));
});

test("the API v1", async () => {
  await attack(apiRequests(target.seed));
});

test("the WhatsApp Cloud API webhook, signed and unsigned", async () => {
  await attack(whatsappRequests(target.seed));
});

test("the Twilio SMS webhook, signed and unsigned", async () => {
  await attack(smsRequests(target.seed, target.base));
});
