import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { callAppApi, listAllEvents, postConsent, runConcurrently, submitHostedForm, verifyOverApi } from "../../testing/app-http";
import type { AppProcess } from "../../testing/app-process";
import { startWebhookReceiver } from "../../testing/webhook-receiver";
import { clientIp, createProofDatabase, postgresAdminUrl, proofScale, seedProofDatabase, startProofApp, stopProofApps } from "../../testing/proof-harness";
import { e2ePort } from "../support/ports";

/**
 * Scale-out: two app instances on one PostgreSQL database with requests spread over both, as a load balancer
 * would. One ledger (idempotent retries that land on the other instance write nothing), rate limits counted
 * once for both, and an opt-out taken on one instance refused by a consent check on the other at once.
 * ASSENT_PROOF_SCALE / 2 writes (100 in CI).
 */
test.skip(({ isMobile }) => isMobile, "no page: one run is enough");
test.skip(() => !postgresAdminUrl(), "set TEST_DATABASE_URL: several instances need PostgreSQL");

const PORTS = [e2ePort(3322), e2ePort(3323)];

test.describe
  .serial("two instances on one PostgreSQL", () => {
    let apps: AppProcess[] = [];
    let database: Awaited<ReturnType<typeof createProofDatabase>>;
    let seed: Awaited<ReturnType<typeof seedProofDatabase>>;
    const writes = Math.ceil(proofScale(200) / 2);
    const base = (i: number) => apps[i % apps.length]!.base;
    let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
    let acknowledged: string[] = [];

    test.beforeAll(async () => {
      test.setTimeout(600_000);
      receiver = await startWebhookReceiver();
      database = await createProofDatabase("postgres");
      seed = await seedProofDatabase(database, Math.ceil(writes / 250) + 1, { webhookUrl: receiver.url });
      // Started together: migrations take turns behind an advisory lock. The receiver is on this machine.
      apps = await Promise.all(PORTS.map((port) => startProofApp(database, port, { WEBHOOKS_ALLOW_PRIVATE_NETWORKS: "1" })));
    });

    test.afterAll(async () => {
      await stopProofApps();
      await receiver?.close();
      await database?.drop();
    });

    test("one ledger: writes spread over both, each retried on the other instance at once", async () => {
      test.setTimeout(300_000 + writes * 500);
      const keyFor = (n: number) => seed.apiKeys[1 + Math.floor(n / 250)]!;
      const jobs = Array.from({ length: writes }, (_, n) => async () => {
        if (n % 4 === 3) {
          // The page from one instance, the answers to the other: both run the same build with the same secrets.
          const page = `/f/${seed.workspace}/${seed.form}`;
          const r = await submitHostedForm(base(n), page, { phone: `+1204555${String(n).padStart(4, "0")}`, categories: ["tips"] }, clientIp(n), base(n + 1));
          expect(r.status, r.body.slice(0, 300)).toBe(303);
          return [r.commandId!];
        }
        const idempotencyKey = randomUUID();
        const command = { phone: `+1204555${String(n).padStart(4, "0")}`, categories: ["offers", "tips"], action: "opt_in" as const };
        const answers = await Promise.all([0, 1].map((i) => postConsent(base(n + i), keyFor(n), command, { idempotencyKey })));
        for (const a of answers) expect([200, 201], JSON.stringify(a.json)).toContain(a.status);
        expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
        expect(answers[0]!.json.commandId).toBe(answers[1]!.json.commandId);
        return [answers[0]!.json.commandId as string];
      });
      acknowledged = (await runConcurrently(jobs, 12)).flat();
      // The count verify() reads from the table: the feed may show the newest a moment later (listAllEvents).
      const events = await listAllEvents(base(0), seed.apiKeys[0]!, { atLeast: (await verifyOverApi(base(0), seed.apiKeys[0]!)).events });
      const perCommand = new Map<string, number>();
      for (const e of events) perCommand.set(e.commandId, (perCommand.get(e.commandId) ?? 0) + 1);
      const apiWrites = jobs.length - Math.floor((jobs.length + 1) / 4);
      expect(perCommand.size).toBe(acknowledged.length);
      expect(acknowledged.every((id) => perCommand.has(id))).toBe(true);
      expect(events.length).toBe(apiWrites * 2 + (jobs.length - apiWrites));
      for (const i of [0, 1]) {
        const verification = await verifyOverApi(base(i), seed.apiKeys[0]!);
        expect(verification.problems).toEqual([]);
        expect(verification.ok).toBe(true);
      }
      console.log(
        `[scale-out] ${writes} writes over 2 instances (${apiWrites} API, each sent to both at once; ${writes - apiWrites} hosted form, page from one and answers to the other): ${events.length} events, one per category of each write; verify ok on both`,
      );
    });

    test("the webhook workers of both instances share the deliveries: each opt-in goes out once", async () => {
      test.setTimeout(300_000);
      const delivered = () => new Set(receiver.received.map((r) => JSON.parse(r.body).data?.commandId as string));
      await expect.poll(() => acknowledged.filter((id) => !delivered().has(id)).length, { timeout: 240_000, intervals: [1000] }).toBe(0);
      const ids = receiver.received.map((r) => r.headers["webhook-id"]);
      expect(new Set(ids).size, "no delivery twice").toBe(ids.length);
      const perCommand = receiver.received.filter((r) => acknowledged.includes(JSON.parse(r.body).data?.commandId)).length;
      expect(perCommand).toBe(acknowledged.length);
      console.log(
        `[scale-out] ${acknowledged.length} opt-ins delivered to the webhook endpoint with both instances' workers polling: ${perCommand} deliveries, none twice`,
      );
    });

    test("rate limits are counted once for both instances", async () => {
      // Fixed windows: start early in one, so the whole run falls inside it.
      const inMinute = Date.now() % 60_000;
      if (inMinute > 40_000) await new Promise((r) => setTimeout(r, 60_000 - inMinute + 500));
      // API: 20 failed authentications a minute from one address, then 429 for everyone from there.
      const ip = "198.51.100.77";
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await callAppApi(base(i), `ask_wrong${i}`, "/api/v1/events", { ip })).status);
      expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
      expect(statuses.slice(20)).toEqual(Array(10).fill(429));
      // The hosted form: 10 sign-ups a minute from one address (lib/channels/web/opt-in.ts), still early in the minute.
      const formIp = "198.51.100.78";
      const outcomes: boolean[] = [];
      for (let i = 0; i < 14; i++) {
        const r = await submitHostedForm(
          base(i),
          `/f/${seed.workspace}/${seed.form}`,
          { phone: `+1205555${String(i).padStart(4, "0")}`, categories: ["orders"] },
          formIp,
        );
        outcomes.push(r.commandId !== null);
      }
      expect(outcomes.filter(Boolean)).toHaveLength(10);
      expect(outcomes.slice(10)).toEqual([false, false, false, false]);
      console.log(
        "[scale-out] rate limits shared: 20 failed API authentications then 429 on both; 10 form sign-ups a minute per address then refusals on both",
      );
    });

    test("an opt-out taken on one instance is refused by a check on the other at once", async () => {
      const key = seed.apiKeys[0]!;
      const rounds = 20;
      let refused = 0;
      for (let i = 0; i < rounds; i++) {
        const phone = `+1206555${String(i).padStart(4, "0")}`;
        const check = () => callAppApi(base(i + 1), key, `/api/v1/consent-checks?phone=${encodeURIComponent(phone)}&category=offers`);
        expect((await postConsent(base(i), key, { phone, categories: ["offers"], action: "opt_in" })).status).toBe(201);
        expect((await check()).json).toMatchObject({ allowed: true, reason: "opted_in" });
        expect((await postConsent(base(i), key, { phone, categories: ["offers"], action: "opt_out" })).status).toBe(201);
        const after = await check();
        expect(after.json).toMatchObject({ allowed: false, reason: "opted_out" });
        refused++;
      }
      console.log(`[scale-out] ${refused} of ${rounds} opt-outs taken on one instance refused by the very next check on the other`);
    });
  });
