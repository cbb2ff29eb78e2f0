import "server-only";
import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { consentEvents } from "../db/schema/ledger";
import { createCheckpoint } from "../ledger/checkpoint";
import type { Actor, Evidence } from "../ledger/types";
import { evaluateAlerts } from "../quality/alerts";
import { foldWorkspace } from "../quality/fold";
import { batchTables, eventKind, newBulkBatch, type BulkFormVersion, type BulkWorkspace, type EventKind } from "./bulk-chain";
import { copyWriter } from "./bulk-copy";
import { createDemoForms, type DemoForm } from "./demo-forms";
import { choiceId } from "../forms/channel-wording";
import { sha256Hex } from "../security/digest";
import { demoRandom, type DemoRandom } from "./demo-people";
import {
  DAY,
  finishImportJob,
  HOUR,
  importLoyaltyList,
  MINUTE,
  newHistory,
  paperSignUps,
  recordFormViews,
  recordQualityNotices,
  writeAudit,
  type DemoHistoryTarget,
} from "./demo-records";

export type { DemoHistoryTarget };

/** The history's length: the overview's default view. */
export const DEMO_HISTORY_DAYS = 90;

export type DemoHistoryResult = { contacts: number; events: number; imported: number };

/** A source of sign-ups: the method, the form, how many a day on average from a day, and what people tick. */
type Source = {
  name: string;
  kind: EventKind;
  form: DemoForm | (BulkFormVersion & { formId: string; launchedAt: number }) | null;
  perDay: (daysAgo: number) => number;
  categories: (r: DemoRandom) => string[];
  evidence: (r: DemoRandom, keys: string[]) => Evidence;
  web: boolean;
  /** How this source's people say stop (a draw picks one), and how many of them do. */
  stops: { rate: number | ((daysAgo: number) => number); after: () => number; methods: StopMethod[] };
};
type StopMethod = "sms_stop" | "whatsapp_stop" | "preference_centre" | "marketing_stop" | "marketing_status" | "staff_call";

const hex = (r: DemoRandom, n: number) => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join("");
const wamid = (r: DemoRandom) => `wamid.HBgL${hex(r, 24).toUpperCase()}`;
const smsSid = (r: DemoRandom) => `SM${hex(r, 32)}`;

/**
 * About 90 days of believable history for the demo workspace, written through the bulk ledger writer (the rows
 * append() would write: valid chains, digests and folded state) plus the real import job, then folded into the
 * rollups, checked for alerts and sealed in a checkpoint. Deterministic in shape; dates are relative to `now`.
 */
export async function seedDemoHistory(db: Db, target: DemoHistoryTarget, now = Date.now()): Promise<DemoHistoryResult> {
  const r = demoRandom(2026);
  const ws: BulkWorkspace = { workspaceId: target.workspace.id, ledgerSalt: target.workspace.ledgerSalt, categories: target.categories };
  const cat = (key: string) => target.categories.find((c) => c.key === key)!;
  const marketing = target.categories.filter((c) => c.templateCategory === "marketing");
  const forms = await createDemoForms(db, target.workspace, target.categories, now);
  const website = { ...target.website, launchedAt: now - (DEMO_HISTORY_DAYS + 1) * DAY };
  const person: Actor = { type: "person" };
  const staff: Actor = { type: "staff", userId: target.owner.id, email: target.owner.email };
  const cloudApi: Actor = { type: "system", name: "WhatsApp Cloud API" };
  const optIn = (channel: "web" | "sms" | "whatsapp" | "ivr" | "paper" | "staff", form: BulkFormVersion | null, actor: Actor = person) =>
    eventKind(ws, { action: "opt_in", channel, actor, formVersion: form });
  const pageUrl = (form: { slug: string }, query = "") => `${target.baseUrl}/f/${target.workspace.slug}/${form.slug}${query}`;
  const some = (r: DemoRandom, first: string[], rest: [string, number][]) => [...first, ...rest.filter(([, p]) => r() < p).map(([k]) => k)];
  // A weekly rhythm (busier at the weekend in the shop) on a slow rise over the quarter.
  const trend = (daysAgo: number) => 0.75 + (0.5 * (DEMO_HISTORY_DAYS - daysAgo)) / DEMO_HISTORY_DAYS;
  const weekend = (daysAgo: number) => ([0, 6].includes(new Date(now - daysAgo * DAY).getUTCDay()) ? 1.5 : 1);
  const webStops = {
    rate: 0.08,
    after: () => 3 + r() * 30,
    methods: ["preference_centre", "preference_centre", "whatsapp_stop", "marketing_status"] as StopMethod[],
  };

  const sources: Source[] = [
    {
      name: "website",
      kind: optIn("web", website),
      form: website,
      perDay: (d) => 8 * trend(d),
      categories: (r) =>
        some(
          r,
          ["order_updates"],
          [
            ["offers", 0.6],
            ["recommendations", 0.4],
          ],
        ),
      evidence: () => ({ pageUrl: pageUrl({ slug: "join" }) }),
      web: true,
      stops: webStops,
    },
    {
      name: "in-store",
      kind: optIn("web", forms.inStore),
      form: forms.inStore,
      perDay: (d) => 4.5 * trend(d) * weekend(d),
      categories: (r) => some(r, ["offers"], [["recommendations", 0.5]]),
      evidence: () => ({ pageUrl: pageUrl(forms.inStore, "?src=qr-counter") }),
      web: true,
      stops: webStops,
    },
    {
      // Launched twelve days ago and pushed hard for the last week: people sign up for the prize and leave.
      name: "giveaway",
      kind: optIn("web", forms.giveaway),
      form: forms.giveaway,
      perDay: (d) => (d < 7 ? 22 : 7),
      categories: (r) => some(r, ["offers"], [["recommendations", 0.3]]),
      evidence: () => ({ pageUrl: pageUrl(forms.giveaway, "?utm_source=instagram") }),
      web: true,
      stops: {
        rate: (d) => (d < 7 ? 0.45 : 0.04),
        after: () => 0.2 + r() * 2.5,
        methods: ["whatsapp_stop", "preference_centre", "marketing_stop", "whatsapp_stop"],
      },
    },
    {
      name: "sms",
      kind: optIn("sms", forms.sms),
      form: forms.sms,
      perDay: (d) => 3.5 * trend(d),
      categories: () => ["offers"],
      evidence: (r) => ({ messageId: smsSid(r), keyword: "JOIN", provider: "twilio", reply: "twiml" }),
      web: false,
      stops: { rate: 0.1, after: () => 2 + r() * 40, methods: ["sms_stop"] },
    },
    {
      name: "whatsapp",
      kind: optIn("whatsapp", forms.whatsapp),
      form: forms.whatsapp,
      perDay: (d) => 3.5 * trend(d),
      // COFFEE has two categories, so it asks which: each person taps one button, one category per command.
      categories: (r) => (r() < 0.6 ? ["offers"] : ["recommendations"]),
      evidence: (r, keys) => ({
        messageId: wamid(r),
        kind: "button",
        payload: choiceId(forms.whatsapp.id, keys[0]!),
        reply: "answered",
        wordingSha256: sha256Hex(forms.whatsapp.consent[keys[0]!] ?? ""),
      }),
      web: false,
      stops: { rate: 0.07, after: () => 5 + r() * 40, methods: ["whatsapp_stop", "marketing_stop"] },
    },
    {
      name: "ivr",
      kind: optIn("ivr", forms.ivr),
      form: forms.ivr,
      perDay: (d) => 1.2 * weekend(d),
      categories: (r) => (r() < 0.5 ? ["order_updates"] : ["order_updates", "offers"]),
      evidence: (r, keys) => ({ callId: `CA${hex(r, 32)}`, dtmfKey: keys.length === 2 ? "12" : "1" }),
      web: false,
      stops: { rate: 0.05, after: () => 5 + r() * 30, methods: ["staff_call"] },
    },
    {
      name: "staff",
      kind: optIn("staff", null, staff),
      form: null,
      perDay: () => 0.5,
      categories: (r) => some(r, ["order_updates"], [["offers", 0.5]]),
      evidence: () => ({ via: "phone_call" }),
      web: false,
      stops: { rate: 0.05, after: () => 10 + r() * 30, methods: ["staff_call"] },
    },
  ];

  const stopKinds = {
    sms_stop: eventKind(ws, { action: "opt_out", channel: "sms", actor: person }),
    whatsapp_stop: eventKind(ws, { action: "opt_out", channel: "whatsapp", actor: person }),
    marketing_stop: eventKind(ws, { action: "opt_out", channel: "whatsapp", actor: person }),
    marketing_status: eventKind(ws, { action: "opt_out", channel: "whatsapp", actor: cloudApi }),
    staff_call: eventKind(ws, { action: "opt_out", channel: "staff", actor: staff }),
  };
  /** The preference centre writes under the wording the person signed up with, so one kind per form. */
  const preferenceKinds = new Map<string, EventKind>();
  const preferenceKind = (form: BulkFormVersion) => {
    const known = preferenceKinds.get(form.id);
    if (known) return known;
    const k = eventKind(ws, { action: "opt_out", channel: "web", actor: person, formVersion: form });
    preferenceKinds.set(form.id, k);
    return k;
  };
  const confirmKind = eventKind(ws, { action: "confirm", channel: "whatsapp", actor: person });

  const history = newHistory(ws, r);
  const { commands } = history;
  const submissions = new Map<string, number>();

  const addPerson = (source: Source, at: number) => {
    const who = history.people.next(source.web || r() < 0.3);
    const chain = history.chain(who.phone, who.name);
    const keys = source.categories(r);
    const cats = keys.map(cat);
    const evidence = source.evidence(r, keys);
    const network = source.web ? { name: who.name, ip: who.ip, userAgent: who.userAgent } : {};
    commands.push({ at, write: (b) => chain.write(b, source.kind, cats, evidence, at, network) });
    if (source.web && source.form) {
      const day = `${source.form.formId}|${new Date(at).toISOString().slice(0, 10)}`;
      submissions.set(day, (submissions.get(day) ?? 0) + 1);
    }
    const optedIn = cats;
    // Double opt-in: most people who signed up on the website confirm on WhatsApp within the hour.
    if (source.name === "website" && r() < 0.6) {
      const confirmAt = at + (2 + r() * 55) * MINUTE;
      if (confirmAt < now) {
        const ev: Evidence = { messageId: wamid(r), kind: "confirmation_code" };
        commands.push({ at: confirmAt, write: (b) => chain.write(b, confirmKind, cats, ev, confirmAt) });
      }
    }
    const rate = typeof source.stops.rate === "number" ? source.stops.rate : source.stops.rate(Math.floor((now - at) / DAY));
    if (r() >= rate) return;
    const stopAt = at + source.stops.after() * DAY;
    if (stopAt >= now) return;
    const method = source.stops.methods[Math.floor(r() * source.stops.methods.length)]!;
    const marketingOnly = optedIn.filter((c) => marketing.some((m) => m.id === c.id));
    let stopped: typeof cats;
    let kind: EventKind;
    let ev: Evidence;
    let personal = {};
    switch (method) {
      case "sms_stop":
        [stopped, kind, ev] = [optedIn, stopKinds.sms_stop, { messageId: smsSid(r), keyword: "STOP", provider: "twilio", optOutType: "STOP" }];
        break;
      case "whatsapp_stop":
        [stopped, kind, ev] = [optedIn, stopKinds.whatsapp_stop, { messageId: wamid(r), kind: "text", text: "STOP" }];
        break;
      case "marketing_stop": {
        const second = Math.floor(stopAt / 1000);
        [stopped, kind, ev] = [
          marketingOnly,
          stopKinds.marketing_stop,
          { messageId: `pref:stop:${second}`, kind: "user_preference", text: "User requested to stop marketing messages", payload: "stop" },
        ];
        break;
      }
      case "marketing_status":
        [stopped, kind, ev] = [marketingOnly, stopKinds.marketing_status, { messageId: wamid(r), kind: "message_status", payload: "131050" }];
        break;
      case "preference_centre":
        // One category, from the link in a message: the rest stay as they were.
        stopped = marketingOnly.slice(0, 1);
        kind = preferenceKind(source.form!);
        ev = { pageUrl: `${target.baseUrl}/p/link#${randomUUID()}` };
        personal = { ip: who.ip, userAgent: who.userAgent };
        break;
      case "staff_call":
        [stopped, kind, ev] = [optedIn, stopKinds.staff_call, { via: "phone_call" }];
        break;
    }
    if (stopped.length === 0) return;
    commands.push({ at: stopAt, write: (b) => chain.write(b, kind, stopped, ev, stopAt, personal) });
  };

  for (let daysAgo = DEMO_HISTORY_DAYS - 1; daysAgo >= 0; daysAgo--) {
    for (const source of sources) {
      const launched = source.form && "launchedAt" in source.form ? source.form.launchedAt : now - (DEMO_HISTORY_DAYS + 1) * DAY;
      const n = Math.round(source.perDay(daysAgo) * (0.6 + 0.8 * r()));
      for (let i = 0; i < n; i++) {
        // Waking hours, so the timeline reads like a day in a coffee shop.
        const at = now - daysAgo * DAY - Math.floor((1 + r() * 14) * HOUR);
        if (at > launched + HOUR) addPerson(source, at);
      }
    }
  }
  await paperSignUps(db, target, forms.paper, history, r, now);
  const imported = await importLoyaltyList(db, target, history, r, now);

  commands.sort((a, b) => a.at - b.at);
  const batch = newBulkBatch();
  for (const c of commands) c.write(batch);
  for (const chain of history.chains) chain.finish(batch);
  const writer = await copyWriter(db);
  try {
    await writer.write(batchTables(batch));
  } finally {
    await writer.close();
  }
  await recordFormViews(db, target.workspace.id, submissions, r);
  await finishImportJob(db, imported);
  await recordQualityNotices(db, target.workspace.id, target.owner.id, now, history);
  for (const form of [website, ...Object.values(forms)]) {
    history.audit.push({
      at: form.launchedAt,
      action: "form.publish",
      targetType: "form",
      targetId: form.formId,
      detail: { version: 1, versionId: form.id, digest: form.digest },
    });
  }
  await writeAudit(db, target, history);
  await foldWorkspace(db, target.workspace.id, { wait: true });
  await evaluateAlerts(db, target.workspace, new Date(now));
  await createCheckpoint(db, target.workspace.id);
  const [written] = await db.select({ n: count() }).from(consentEvents).where(eq(consentEvents.workspaceId, target.workspace.id));
  return { contacts: history.chains.length, events: written!.n, imported: imported.rows };
}
