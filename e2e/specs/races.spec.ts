import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { foldEvents } from "../../lib/ledger/fold";
import type { ConsentAction, OptInLevel } from "../../lib/ledger/types";
import {
  callAppApi,
  listAllEvents,
  postConsent,
  receiptConfirmationCode,
  sendWhatsApp,
  sendWhatsAppText,
  submitHostedForm,
  verifyOverApi,
  type ApiAnswer,
} from "../../testing/app-http";
import type { AppProcess } from "../../testing/app-process";
import { userPreference } from "../../testing/meta-cloud";
import { clientIp, postgresAdminUrl, proofScale, seedProofDatabase, startProofApp } from "../../testing/proof-harness";
import { proofSuite } from "../support/proof-suite";
import { e2ePort } from "../support/ports";

/**
 * Races: many clients change the same few people's consent at the same moment over HTTP: API opt-ins (the same
 * idempotent request twice at once), opt-outs and confirmations, hosted-form sign-ups with double opt-in, and
 * WhatsApp STOPs and confirmation codes from those sign-ups' receipts. Afterwards every contact's state per
 * category equals the fold of its events as the API lists them, every chain verifies, and no request failed.
 * ASSENT_PROOF_SCALE / 25 rounds (8 in CI), each one race per contact.
 */
const suite = proofSuite();

const PORT = e2ePort(3321);
const PHONES = ["+12035550101", "+12035550102", "+12035550103", "+12035550104"];
// The hosted form takes five sign-ups per number an hour; the first rounds use four of them.
const FORM_ROUNDS = 4;
const API_CALLS_PER_KEY = 500;

for (const kind of ["postgres", "pglite"] as const) {
  test(`concurrent opt-ins, opt-outs and confirmations for the same contacts (${kind})`, async () => {
    test.skip(kind === "postgres" && !postgresAdminUrl(), "set TEST_DATABASE_URL to run on PostgreSQL");
    const rounds = Math.ceil(proofScale(200) / 25);
    test.setTimeout(600_000 + rounds * 10_000);
    const database = await suite.freshDatabase(kind);
    const seed = await seedProofDatabase(database, Math.ceil((rounds * PHONES.length * 5) / API_CALLS_PER_KEY));
    const app: AppProcess = await startProofApp(database, PORT);
    {
      const base = app.base;
      const [orders, offers, tips] = seed.categories as [string, string, string];
      const key = (round: number) => seed.apiKeys[Math.floor((round * PHONES.length * 5) / API_CALLS_PER_KEY)]!;
      const failures: string[] = [];
      const codes = new Map<string, string[]>();
      const duplicates: { phone: string; answers: ApiAnswer[] }[] = [];
      const expectStatus = (what: string, status: number, allowed: number[], detail = "") => {
        if (!allowed.includes(status)) failures.push(`${what}: ${status} ${detail}`.slice(0, 400));
      };

      const preferenceClock = Math.floor(Date.now() / 1000);
      const raceFor = (round: number, phone: string, p: number) => {
        const ops: Promise<void>[] = [];
        // The same request twice at once: one write, one receipt.
        const idempotencyKey = randomUUID();
        ops.push(
          Promise.all([0, 1].map(() => postConsent(base, key(round), { phone, categories: [offers, tips], action: "opt_in" }, { idempotencyKey }))).then(
            (answers) => {
              for (const a of answers) expectStatus("api opt_in", a.status, [200, 201], JSON.stringify(a.json));
              duplicates.push({ phone, answers });
            },
          ),
        );
        const outOf = [[offers], [tips], [orders, offers], [orders, offers, tips]][(round + p) % 4]!;
        ops.push(
          postConsent(base, key(round), { phone, categories: outOf, action: "opt_out" }).then((a) =>
            expectStatus("api opt_out", a.status, [201], JSON.stringify(a.json)),
          ),
        );
        // Confirming what is not opted in at that instant is refused (422); either answer is right in a race.
        ops.push(
          postConsent(base, key(round), { phone, categories: [orders], action: "confirm" }).then((a) =>
            expectStatus("api confirm", a.status, [201, 422], JSON.stringify(a.json)),
          ),
        );
        const stop = round % 3 === 0 ? "STOP" : `STOP ${[orders, offers, tips][round % 3]}`;
        ops.push(sendWhatsAppText(base, seed.workspace, seed.appSecret, phone, stop).then((s) => expectStatus("whatsapp stop", s, [200])));
        // WhatsApp's own "stop/resume marketing messages": a resume may reopen only what such a stop closed.
        const preference = userPreference(phone, round % 2 === 0 ? "stop" : "resume", preferenceClock + round);
        ops.push(sendWhatsApp(base, seed.workspace, seed.appSecret, preference).then((s) => expectStatus("whatsapp preference", s, [200])));
        const pending = codes.get(phone)?.shift();
        if (pending) {
          ops.push(
            sendWhatsAppText(base, seed.workspace, seed.appSecret, phone, `Confirm my sign-up. Code: ${pending}`).then((s) =>
              expectStatus("whatsapp code", s, [200]),
            ),
          );
        }
        if (round < FORM_ROUNDS) {
          const ip = clientIp(round * PHONES.length + p);
          ops.push(
            submitHostedForm(base, `/f/${seed.workspace}/${seed.confirmForm}`, { phone, categories: [orders, offers] }, ip).then(async (r) => {
              expectStatus("hosted form", r.status, [303], r.body.slice(0, 200));
              const code = r.receiptUrl ? await receiptConfirmationCode(r.receiptUrl, ip) : undefined;
              if (code) codes.set(phone, [...(codes.get(phone) ?? []), code]);
              else failures.push(`receipt without a confirmation code: ${r.receiptUrl}`);
            }),
          );
        }
        return Promise.all(ops);
      };

      for (let round = 0; round < rounds; round++) {
        await Promise.all(PHONES.map((phone, p) => raceFor(round, phone, p)));
      }
      // Codes still unused: sent all at once, each alongside a STOP for the same person.
      await Promise.all(
        PHONES.flatMap((phone) =>
          (codes.get(phone) ?? []).flatMap((code) => [
            sendWhatsAppText(base, seed.workspace, seed.appSecret, phone, code).then((s) => expectStatus("whatsapp code", s, [200])),
            sendWhatsAppText(base, seed.workspace, seed.appSecret, phone, `STOP ${offers}`).then((s) => expectStatus("whatsapp stop", s, [200])),
          ]),
        ),
      );

      // A message the webhook could not handle is logged and answered 200 (Meta would retry forever): count it.
      for (const line of app.log().split("\n")) if (/could not handle/.test(line)) failures.push(`server: ${line}`);

      // The count verify() reads from the table: the feed may show the newest a moment later (listAllEvents).
      const events = await listAllEvents(base, seed.apiKeys[0]!, { atLeast: (await verifyOverApi(base, seed.apiKeys[0]!)).events });
      let mismatches = 0;
      const notes: string[] = [];
      for (const phone of PHONES) {
        const contact = await callAppApi(base, seed.apiKeys[0]!, `/api/v1/contacts/${encodeURIComponent(phone)}`);
        expect(contact.status).toBe(200);
        for (const category of seed.categories) {
          const own = events.filter((e) => e.phone === phone && e.category === category).sort((a, b) => a.seq - b.seq);
          const folded = foldEvents(own.map((e) => ({ action: e.action as ConsentAction, optInLevel: e.optInLevel as OptInLevel | null })));
          const stored = contact.json.categories.find((c: { category: string }) => c.category === category);
          const same = folded ? stored?.state === folded.state && stored?.optInLevel === folded.optInLevel && stored?.event.id === own.at(-1)!.id : !stored;
          if (!same) {
            mismatches++;
            notes.push(`${phone} ${category}: stored ${JSON.stringify(stored)} but the events fold to ${JSON.stringify(folded)}`);
          }
        }
      }
      for (const { phone, answers } of duplicates) {
        const [a, b] = answers;
        const commandEvents = events.filter((e) => e.commandId === a?.json?.commandId).length;
        if (a?.json?.commandId !== b?.json?.commandId || commandEvents !== 2) {
          mismatches++;
          notes.push(`${phone}: one idempotent request answered ${a?.json?.commandId} and ${b?.json?.commandId}, ${commandEvents} events`);
        }
      }
      // A resume never undoes a stop given another way: the event before each resume's opt-in is such a stop.
      for (const e of events) {
        if (e.action !== "opt_in" || e.evidence.kind !== "user_preference") continue;
        const before = events.find(
          (o) =>
            o.phone === e.phone &&
            o.category === e.category &&
            o.seq < e.seq &&
            !events.some((m) => m.phone === e.phone && m.category === e.category && m.seq > o.seq && m.seq < e.seq),
        );
        if (before?.action !== "opt_out" || before.evidence.kind !== "user_preference") {
          mismatches++;
          notes.push(`${e.phone} ${e.category}: a resume (event ${e.id}) followed ${before?.action} by ${before?.channel}/${String(before?.evidence.kind)}`);
        }
      }
      const verification = await verifyOverApi(base, seed.apiKeys[0]!);
      mismatches += verification.problems.length;
      const races = rounds * PHONES.length;
      console.log(
        `[races ${kind}] races run: ${races} (${rounds} rounds × ${PHONES.length} contacts, ${events.length} events); ` +
          `mismatches: ${mismatches}; failed requests: ${failures.length}; verify: ${verification.ok ? "ok" : "FAILED"}`,
      );
      expect(failures).toEqual([]);
      expect(notes).toEqual([]);
      expect(verification.problems).toEqual([]);
      expect(mismatches).toBe(0);
    }
  });
}
