import "server-only";
import type { Db } from "../db/client";
import { auditLog } from "../db/schema/access";
import type { AuditAction } from "../handlers/audit-actions";
import { whatsappQualityUpdates } from "../db/schema/channels";
import { importJobs } from "../db/schema/imports";
import { qualityFormDaily, qualityRatingEntries } from "../db/schema/quality";
import type { MessageCategory } from "../categories/queries";
import { eq } from "drizzle-orm";
import { storeEvidenceFile } from "../evidence/files";
import { importCommand } from "../imports/commands";
import { previewImport } from "../imports/jobs";
import type { ImportRow } from "../imports/validate-row";
import type { Actor, Evidence } from "../ledger/types";
import { BulkChain, eventKind, type BulkBatch, type BulkFormVersion, type BulkWorkspace } from "./bulk-chain";
import { cachedDigests } from "./bulk-hash";
import type { DemoForm } from "./demo-forms";
import { demoPeople, type DemoRandom } from "./demo-people";
import { paperScanPdf } from "./demo-scan";

/**
 * The demo history's smaller parts: the paper sheets and the imported list (contacts of their own, written with the
 * rest), and what the history leaves outside the ledger (page views, quality notices, the audit log, the import job).
 */

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
export const MINUTE = 60_000;

export type DemoHistoryTarget = {
  workspace: { id: string; slug: string; ledgerSalt: string; businessName: string; privacyPolicyUrl: string | null };
  categories: MessageCategory[];
  /** The website form, published the day the history starts. */
  website: BulkFormVersion & { formId: string };
  owner: { id: string; email: string };
  /** Where the hosted pages live, for the page URLs web evidence names. */
  baseUrl: string;
};

/** What the generators add to: the contacts made so far and every command, written in time order at the end. */
export type History = {
  ws: BulkWorkspace;
  people: ReturnType<typeof demoPeople>;
  chains: BulkChain[];
  /** Sorted by when each was recorded before writing: ledger positions follow the clock, as live appends' do. */
  commands: { at: number; write: (batch: BulkBatch) => void }[];
  /** What the owner did along the way, as the dashboard's actions would have logged it. */
  audit: { at: number; action: AuditAction; targetType: string; targetId: string; detail: Record<string, unknown> }[];
  chain(phone: string, name: string | null): BulkChain;
};

export function newHistory(ws: BulkWorkspace, r: DemoRandom): History {
  const digest = cachedDigests(ws.ledgerSalt);
  const chains: BulkChain[] = [];
  return {
    ws,
    people: demoPeople(r),
    chains,
    commands: [],
    audit: [],
    chain(phone, name) {
      const chain = new BulkChain(ws, digest, phone, name);
      chains.push(chain);
      return chain;
    },
  };
}

/** Signed sheets from the counter, scanned and recorded by staff a day or two after they were signed. */
export async function paperSignUps(db: Db, target: DemoHistoryTarget, form: DemoForm, history: History, r: DemoRandom, now: number): Promise<void> {
  const staff: Actor = { type: "staff", userId: target.owner.id, email: target.owner.email };
  const kind = eventKind(history.ws, { action: "opt_in", channel: "paper", actor: staff, formVersion: form });
  const stopByPhone = eventKind(history.ws, { action: "opt_out", channel: "staff", actor: staff });
  const cats = form.keys.map((k) => target.categories.find((c) => c.key === k)!);
  const count = 18;
  for (let i = 0; i < count; i++) {
    const signedAt = now - Math.floor(((count - i) / count) * 84 * DAY) - 3 * DAY;
    const signedOn = new Date(signedAt).toISOString().slice(0, 10);
    const who = history.people.next(true);
    const scan = paperScanPdf([
      `${target.workspace.businessName}: sign up for WhatsApp messages`,
      `Name: ${who.name ?? ""}`,
      `WhatsApp number: ${who.phone}`,
      ...cats.map((c) => `[X] Yes, I want to receive ${c.label.toLowerCase()} from ${target.workspace.businessName} on WhatsApp.`),
      "You can stop at any time: reply STOP on WhatsApp.",
      `Signed: ${who.name ?? "(signature)"}    Date: ${signedOn}`,
    ]);
    const stored = await storeEvidenceFile(db, {
      workspaceId: history.ws.workspaceId,
      bytes: scan,
      contentType: "application/pdf",
      createdBy: target.owner.id,
    });
    const chain = history.chain(who.phone, who.name);
    const recordedAt = Math.min(now - HOUR, signedAt + (1 + r() * 2) * DAY);
    // Dated the day it was signed, as the paper page records it; entered when it was scanned.
    const occurredAt = Date.parse(`${signedOn}T00:00:00Z`);
    const evidence: Evidence = { documentDigest: stored.sha256, signedOn };
    history.commands.push({ at: recordedAt, write: (b) => chain.write(b, kind, cats, evidence, occurredAt, { name: who.name }, recordedAt) });
    // Now and then someone who signed at the counter rings later to stop the offers.
    const stopAt = recordedAt + (10 + r() * 20) * DAY;
    if (i % 5 === 1 && stopAt < now) {
      const offers = cats.filter((c) => c.key === "offers");
      history.commands.push({ at: stopAt, write: (b) => chain.write(b, stopByPhone, offers, { via: "phone_call" }, stopAt) });
    }
    history.audit.push({
      at: recordedAt,
      action: "contact.paper_form",
      targetType: "contact",
      targetId: chain.id,
      detail: { documentDigest: stored.sha256, formVersionId: form.id, categories: form.keys, replayed: false },
    });
  }
}

/** Page views of the hosted web forms: a few views per sign-up, counted per day as the page counter would. */
export async function recordFormViews(db: Db, workspaceId: string, submissions: Map<string, number>, r: DemoRandom) {
  const rows = [...submissions].map(([key, n]) => {
    const [formId, day] = key.split("|") as [string, string];
    return { workspaceId, formId, day, views: Math.round(n * (2.2 + r() * 1.6)) };
  });
  for (let i = 0; i < rows.length; i += 500) await db.insert(qualityFormDaily).values(rows.slice(i, i + 500));
}

/**
 * The shop's old loyalty-card list, imported 45 days ago: the file goes through the real preview (its checks, the
 * kept file, the refused row's reason), and each good row becomes exactly the command the import job builds
 * (importCommand), written with the rest of the history so it is dated when the import ran, not today.
 */
export async function importLoyaltyList(
  db: Db,
  target: DemoHistoryTarget,
  history: History,
  r: DemoRandom,
  now: number,
): Promise<{ jobId: string; rows: number; at: number }> {
  const at = now - 45 * DAY - 3 * HOUR;
  const staff: Actor = { type: "staff", userId: target.owner.id, email: target.owner.email };
  const kind = eventKind(history.ws, { action: "opt_in", channel: "import", actor: staff });
  const source = "Loyalty card sign-ups (counter)";
  const lines = ["phone,categories,channel,occurred_at,source,reference,name"];
  const rows: ImportRow[] = [];
  for (let i = 0; i < 60; i++) {
    const who = history.people.next(true);
    const signedOn = new Date(now - (50 + Math.floor(r() * 39)) * DAY).toISOString().slice(0, 10);
    const categories = r() < 0.5 ? ["offers"] : ["offers", "recommendations"];
    const reference = `CARD-${1200 + i}`;
    lines.push([who.phone, categories.join(";"), "in_person", signedOn, source, reference, who.name ?? ""].join(","));
    rows.push({
      ...{ row: i + 2, phone: who.phone, categories, originalMethod: "in_person", occurredAt: new Date(`${signedOn}T00:00:00Z`), source, reference },
      ...{ name: who.name, formVersionId: null, ip: null, userAgent: null, pageUrl: null, note: null },
    });
  }
  // A row the import refuses, as real lists have: the job shows why.
  lines.push(["555-01", "offers", "in_person", new Date(now - 70 * DAY).toISOString().slice(0, 10), source, "CARD-1999", ""].join(","));
  const job = await previewImport(db, {
    workspaceId: target.workspace.id,
    fileName: "loyalty-cards.csv",
    bytes: Buffer.from(`${lines.join("\n")}\n`),
    createdBy: target.owner.id,
  });
  if (job.goodRows !== rows.length) throw new Error(`demo import: the preview accepted ${job.goodRows} of ${rows.length} rows`);
  history.audit.push({
    at,
    action: "import.start",
    targetType: "import",
    targetId: job.id,
    detail: { fileName: job.fileName, sha256: job.fileSha256, goodRows: job.goodRows, fromRow: 0 },
  });
  for (const row of rows) {
    const command = importCommand(target.workspace.id, row, staff);
    const chain = history.chain(row.phone, row.name);
    const cats = row.categories.map((k) => target.categories.find((c) => c.key === k)!);
    const occurredAt = row.occurredAt.getTime();
    history.commands.push({ at, write: (b) => chain.write(b, kind, cats, command.evidence as Evidence, occurredAt, { name: row.name }, at) });
  }
  return { jobId: job.id, rows: rows.length, at };
}

/** The audit log's rows, oldest first, as the owner's requests wrote them. */
export async function writeAudit(db: Db, target: DemoHistoryTarget, history: History) {
  const rows = [...history.audit]
    .sort((a, b) => a.at - b.at)
    .map((a) => ({
      workspaceId: target.workspace.id,
      actorUserId: target.owner.id,
      actorLabel: target.owner.email,
      action: a.action,
      targetType: a.targetType,
      targetId: a.targetId,
      detail: a.detail,
      createdAt: new Date(a.at),
    }));
  await db.insert(auditLog).values(rows);
}

/** The import job as it stood when it finished: every good row written. */
export async function finishImportJob(db: Db, imported: { jobId: string; rows: number; at: number }) {
  const at = new Date(imported.at);
  const finished = new Date(imported.at + 40_000);
  await db
    .update(importJobs)
    .set({
      status: "done",
      processedRows: imported.rows + 1,
      writtenRows: imported.rows,
      createdAt: new Date(imported.at - 5 * MINUTE),
      startedAt: at,
      heartbeatAt: finished,
      finishedAt: finished,
    })
    .where(eq(importJobs.id, imported.jobId));
}

/** WhatsApp's rating over the quarter: high, a fall to low after a pushy campaign, medium, then high again. */
export async function recordQualityNotices(db: Db, workspaceId: string, ownerId: string, now: number, history: History) {
  const at = (daysAgo: number, hour = 9) => new Date(now - daysAgo * DAY - hour * HOUR);
  const entries = await db
    .insert(qualityRatingEntries)
    .values([
      { workspaceId, rating: "green", messagingLimit: "TIER_1K", observedAt: at(88), note: "Rating when we started with Assent", createdBy: ownerId },
      { workspaceId, rating: "yellow", messagingLimit: "TIER_1K", observedAt: at(40), note: "After the autumn blend broadcast", createdBy: ownerId },
    ])
    .returning();
  for (const e of entries) {
    const observedOn = e.observedAt.toISOString().slice(0, 10);
    history.audit.push({
      at: e.observedAt.getTime() + HOUR,
      action: "quality.rating",
      targetType: "quality_rating",
      targetId: e.id,
      detail: { rating: e.rating, messagingLimit: e.messagingLimit, observedOn },
    });
  }
  await db.insert(whatsappQualityUpdates).values([
    { workspaceId, event: "FLAGGED", currentLimit: "TIER_1K", displayPhoneNumber: "14155550100", receivedAt: at(34) },
    { workspaceId, event: "UNFLAGGED", currentLimit: "TIER_1K", displayPhoneNumber: "14155550100", receivedAt: at(24) },
    { workspaceId, event: "UPGRADE", currentLimit: "TIER_10K", oldLimit: "TIER_1K", displayPhoneNumber: "14155550100", receivedAt: at(9) },
  ]);
}
