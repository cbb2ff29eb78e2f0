import { readTogether } from "../db/read-together";
import "server-only";
import { PDFDocument, rgb, type PDFPage, type RGB } from "pdf-lib";
import type { WorkspaceActor } from "../auth/guards";
import { actorText, evidenceRows } from "../contacts/evidence-format";
import { wordingHeading } from "../contacts/wording-delivery";
import { actionLabels, channelLabels, stateLabels } from "../contacts/labels";
import { listAllCategories } from "../categories/queries";
import { findContactTimeline, type TimelineEvent } from "../contacts/timeline.queries";
import { findCategoryStates, findContact, type CategoryState } from "../contacts/queries";
import type { DbOrTx } from "../db/client";
import { NotFoundError } from "../errors";
import { verifyContact } from "../ledger/verify";
import { publicBaseUrl } from "../server/urls";
import { listBusinessNames } from "../workspace/queries";
import { embedHouseFonts, savePdf, wrapText, type PdfFonts } from "./pdf-text";
import { isPrintable } from "./printable-script";
import type { Typeface } from "./typeface";

export type BusinessName = { validFrom: Date | null; businessName: string; legalName: string };

/** The business's names when `at` happened: the last rename at or before it. */
export function businessNameAt(names: BusinessName[], at: Date): BusinessName | undefined {
  return names.filter((n) => n.validFrom === null || n.validFrom <= at).at(-1);
}

/** Everything a certificate shows, gathered beforehand so rendering is pure and testable without a database. */
export type CertificateInput = {
  generatedAt: Date;
  generatedBy: string;
  business: { businessName: string; legalName: string; whatsappNumber: string | null };
  /** Every name the business has had, oldest first (`validFrom` null: from the start): each event is named as it was then. */
  businessNames: BusinessName[];
  contact: { id: string; phone: string | null; bsuid: string | null; name: string | null; firstSeen: Date; erasedAt: Date | null };
  categories: { key: string; label: string; retired: boolean; state: CategoryState | null }[];
  events: TimelineEvent[];
  verification: { ok: boolean; events: number; firstProblem: string | null };
  /** Where this certificate and the contact's ISO/IEC TS 27560 consent record are downloaded (on APP_URL). */
  links: { certificate: string; consentRecord: string };
};

export function evidenceLinks(slug: string, contactId: string, baseUrl = publicBaseUrl()) {
  const base = `${baseUrl}/${slug}/contacts/${contactId}`;
  return { certificate: `${base}/certificate`, consentRecord: `${base}/consent-record` };
}

export async function loadCertificateInput(
  db: DbOrTx,
  actor: Pick<WorkspaceActor, "workspace" | "user">,
  contactId: string,
  now = new Date(),
): Promise<CertificateInput> {
  const ws = actor.workspace;
  const contact = await findContact(db, ws.id, contactId);
  if (!contact) throw new NotFoundError("The contact");
  const [businessNames, categories, states, events, verification] = await readTogether(db, [
    () => listBusinessNames(db, ws.id),
    () => listAllCategories(db, ws.id),
    () => findCategoryStates(db, ws.id, [contact.id]),
    () => findContactTimeline(db, ws.id, contact.id),
    () => verifyContact(db, ws.id, contact.id),
  ] as const);
  const state = states.get(contact.id) ?? {};
  return {
    generatedAt: now,
    generatedBy: actor.user.email,
    business: { businessName: ws.businessName, legalName: ws.legalName, whatsappNumber: ws.whatsappNumber },
    businessNames,
    contact: { id: contact.id, phone: contact.phone, bsuid: contact.bsuid, name: contact.name, firstSeen: contact.createdAt, erasedAt: contact.erasedAt },
    categories: categories.map((c) => ({ key: c.key, label: c.label, retired: c.retiredAt !== null, state: state[c.key] ?? null })),
    events,
    verification: {
      ok: verification.ok,
      events: verification.events,
      firstProblem: verification.problems[0]?.message ?? (verification.ok ? null : "the contact's record is incomplete"),
    },
    links: evidenceLinks(ws.slug, contact.id),
  };
}

const A4: [number, number] = [595.28, 841.89];
const M = { left: 56, right: 56, top: 60, bottom: 64 };
const WIDTH = A4[0] - M.left - M.right;
const LABEL_W = 128;
const C = {
  ink: rgb(0.12, 0.16, 0.22),
  muted: rgb(0.4, 0.45, 0.53),
  brand: rgb(0.06, 0.46, 0.43),
  rule: rgb(0.82, 0.85, 0.89),
  ok: rgb(0.02, 0.47, 0.25),
  bad: rgb(0.72, 0.11, 0.11),
};

type Fonts = PdfFonts;
type Cell = { text: string; width: number; font?: Typeface; size?: number; color?: RGB };

/** A top-to-bottom writer over A4 pages that starts a new page whenever the next line would not fit. */
class Writer {
  readonly pages: PDFPage[] = [];
  private page!: PDFPage;
  private y = 0;
  constructor(
    private readonly doc: PDFDocument,
    readonly f: Fonts,
  ) {
    this.newPage();
  }
  private newPage() {
    this.page = this.doc.addPage(A4);
    this.pages.push(this.page);
    this.y = A4[1] - M.top;
  }
  /** Keeps a heading with what follows it by asking for room for both up front. */
  need(height: number) {
    if (this.y - height < M.bottom) this.newPage();
  }
  gap(height: number) {
    this.y -= height;
  }
  /** Side-by-side cells, each wrapped to its width, written line by line so a long cell can cross pages. */
  row(cells: Cell[], opts: { indent?: number; bar?: RGB } = {}) {
    const wrapped = cells.map((c) => wrapText(c.text, c.font ?? this.f.sans, c.size ?? 9.5, c.width));
    const leading = Math.max(...cells.map((c) => (c.size ?? 9.5) * 1.42));
    const count = Math.max(...wrapped.map((w) => w.length));
    for (let i = 0; i < count; i++) {
      this.need(leading);
      let x = M.left + (opts.indent ?? 0);
      if (opts.bar) this.page.drawRectangle({ x: x - 8, y: this.y - leading, width: 2.5, height: leading, color: opts.bar });
      cells.forEach((c, j) => {
        const line = wrapped[j]![i];
        const size = c.size ?? 9.5;
        if (line) (c.font ?? this.f.sans).draw(this.page, line, { x, y: this.y - size * 1.05, size, color: c.color ?? C.ink });
        x += c.width;
      });
      this.y -= leading;
    }
  }
  text(text: string, opts: { font?: Typeface; size?: number; color?: RGB; indent?: number; bar?: RGB } = {}) {
    const indent = opts.indent ?? 0;
    this.row([{ text, width: WIDTH - indent, font: opts.font, size: opts.size, color: opts.color }], { indent, bar: opts.bar });
  }
  field(label: string, value: string, mono = false) {
    this.row([
      { text: label, width: LABEL_W, size: 8.5, color: C.muted },
      { text: value, width: WIDTH - LABEL_W, font: mono ? this.f.mono : this.f.sans, size: mono ? 8.5 : 9.5 },
    ]);
  }
  heading(text: string) {
    this.gap(14);
    this.need(60);
    this.text(text, { font: this.f.bold, size: 12.5, color: C.brand });
    this.rule();
  }
  rule() {
    this.gap(3);
    this.page.drawLine({ start: { x: M.left, y: this.y }, end: { x: A4[0] - M.right, y: this.y }, thickness: 0.6, color: C.rule });
    this.gap(7);
  }
}

const utc = (d: Date) => `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;

export async function renderConsentCertificate(input: CertificateInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const f = await embedHouseFonts(doc);
  const { business, contact, verification } = input;
  doc.setTitle(`Consent certificate — contact ${contact.id}`);
  doc.setSubject(`WhatsApp consent record of ${business.businessName}`);
  doc.setCreator("Assent");
  doc.setProducer("Assent");
  doc.setCreationDate(input.generatedAt);
  doc.setModificationDate(input.generatedAt);

  const w = new Writer(doc, f);
  w.text("Consent certificate", { font: f.bold, size: 22 });
  w.gap(4);
  w.text(`What this person agreed to receive on WhatsApp from ${business.businessName}, how and when, as recorded in its tamper-evident consent ledger.`, {
    color: C.muted,
    size: 10,
  });
  w.gap(4);
  w.rule();
  w.field("Business", business.businessName);
  w.field("Legal name", business.legalName);
  if (business.whatsappNumber) w.field("WhatsApp number", business.whatsappNumber);
  w.field("Generated", utc(input.generatedAt));
  w.field("Generated by", input.generatedBy);

  w.heading("Contact");
  w.field("Phone number", contact.phone ?? (contact.bsuid && !contact.erasedAt ? "not known" : "erased"));
  if (contact.bsuid) w.field("WhatsApp user ID", contact.bsuid, true);
  if (contact.name) w.field("Name", contact.name);
  w.field("First seen", utc(contact.firstSeen));
  w.field("Contact id", contact.id, true);
  if (contact.erasedAt) {
    w.gap(4);
    w.text(
      `Personal data was erased on ${utc(contact.erasedAt)}. Only salted digests of it remain in the ledger, which is why the events below still verify.`,
      { size: 9.5, color: C.bad },
    );
  }

  w.heading("Current consent");
  const cols = [170, 85, 75, WIDTH - 330];
  const header = (text: string, i: number): Cell => ({ text, width: cols[i]!, size: 8.5, color: C.muted });
  w.row(["Message category", "State", "Opt-in level", "Since"].map(header));
  for (const c of input.categories) {
    w.row([
      { text: c.retired ? `${c.label} (retired)` : c.label, width: cols[0]! },
      { text: stateLabels[c.state?.state ?? "never"], width: cols[1]!, color: c.state?.state === "opted_in" ? C.ok : C.ink },
      { text: c.state?.level ?? "—", width: cols[2]! },
      { text: c.state ? utc(c.state.changedAt) : "—", width: cols[3]! },
    ]);
  }

  w.heading(`Consent events (${input.events.length}, oldest first)`);
  if (input.events.length === 0) w.text("No events are recorded for this contact.");
  input.events.forEach((e, i) => {
    writeEvent(w, e, i > 0, input);
  });

  w.heading("Verification");
  w.text(
    verification.ok
      ? `Chain verified: ${verification.events} ${verification.events === 1 ? "event" : "events"}, every hash and link intact.`
      : `Chain does not verify: ${verification.firstProblem}.`,
    { font: f.bold, size: 10.5, color: verification.ok ? C.ok : C.bad },
  );
  w.gap(8);
  w.need(250); // the explanation and its commands read as one block: never leave the command alone on a page
  w.text("How to verify independently", { font: f.bold, size: 10 });
  w.gap(2);
  w.text(
    "Each event's hash is the SHA-256 of a canonical JSON encoding of its fields (contact, category, action, channel, times, " +
      "form version and its wording digest, evidence, actor) including the previous event's hash, so the contact's events form a " +
      "chain in which no event can be changed, removed or reordered without breaking every later link. Personal data (phone " +
      "number, name, IP address, user agent, note) is committed as salted HMAC-SHA-256 digests, so it can be erased without " +
      "breaking the chain. Workspace checkpoints seal consecutive ranges of events with a digest of their own, so a whole " +
      "contact's history cannot disappear unnoticed. Run against the ledger's database, this command recomputes every hash, " +
      "link, digest, state and checkpoint:",
    { size: 9.5 },
  );
  w.gap(4);
  w.text("npm run assent -- ledger:verify --workspace <slug>", { font: f.mono, size: 9, indent: 10, bar: C.rule });
  w.gap(6);
  w.text(
    "Without the database: the ledger's proof export carries every hashed field (personal data only as its digests), the " +
      "checkpoints and their RFC 3161 timestamps, and the standalone verifier checks it with no access to Assent:",
    { size: 9.5 },
  );
  w.gap(4);
  w.text("npm run assent -- ledger:export --workspace <slug> --out proof.jsonl", { font: f.mono, size: 9, indent: 10, bar: C.rule });
  w.text("npx assent-verify proof.jsonl --anchors kept-checkpoints.jsonl", { font: f.mono, size: 9, indent: 10, bar: C.rule });
  w.gap(8);
  w.need(40);
  w.text("Machine-readable consent record", { font: f.bold, size: 10 });
  w.gap(2);
  w.text("The same evidence as consent records in the structure of ISO/IEC TS 27560 (JSON), one per message category:", { size: 9.5 });
  w.text(input.links.consentRecord, { font: f.mono, size: 8.5, indent: 10 });

  // Footer last, once the page count is known.
  w.pages.forEach((page, i) => {
    const size = 8;
    const right = `Page ${i + 1} of ${w.pages.length}`;
    page.drawLine({ start: { x: M.left, y: 44 }, end: { x: A4[0] - M.right, y: 44 }, thickness: 0.5, color: C.rule });
    f.sans.draw(page, `Consent certificate · contact ${contact.id}`, { x: M.left, y: 32, size, color: C.muted });
    f.sans.draw(page, right, { x: A4[0] - M.right - f.sans.widthOfTextAtSize(right, size), y: 32, size, color: C.muted });
  });
  return savePdf(doc, f);
}

function writeEvent(w: Writer, e: TimelineEvent, separate: boolean, input: CertificateInput) {
  const { f } = w;
  if (separate) {
    w.gap(4);
    w.rule();
  }
  w.need(90);
  w.text(`#${e.seq}  ${actionLabels[e.action]} · ${e.categoryLabel} (${e.categoryKey})`, { font: f.bold, size: 10.5 });
  w.gap(4);
  const wording = e.consentText ? wordingHeading(e.delivery ?? { kind: "shown" }) : null;
  if (e.consentText && wording && !wording.showText) {
    w.text(wording.heading, { size: 9.5, color: C.bad });
    w.gap(6);
  } else if (e.consentText && wording) {
    w.text(wording.heading, { size: 8.5, color: C.muted });
    w.gap(2);
    w.text(`“${e.consentText}”`, { size: 10, indent: 10, bar: C.brand });
    // A character no bundled font has prints as an empty box, and a right-to-left or unshaped script would print
    // misshaped: say so rather than let the page look complete.
    if (!isPrintable(e.consentText, f.sans)) {
      w.text("This wording cannot be printed exactly (a right-to-left script, or characters no bundled font has); the ledger holds the exact text.", {
        size: 8.5,
        color: C.bad,
        indent: 10,
      });
    }
    w.gap(6);
  }
  const level = e.action === "opt_in" && e.optInLevel ? ` (${e.optInLevel} opt-in)` : "";
  w.field("Seq", String(e.seq));
  w.field("Category", `${e.categoryLabel} (${e.categoryKey})`);
  w.field("Action", actionLabels[e.action] + level);
  w.field("Channel", channelLabels[e.channel]);
  w.field("Occurred", e.occurredAt.toISOString());
  // Renamed since: the name the person was given then, which their consent sentence also says.
  const then = businessNameAt(input.businessNames, e.occurredAt);
  if (then && (then.businessName !== input.business.businessName || then.legalName !== input.business.legalName)) {
    w.field("Business then", `${then.businessName} (legal name ${then.legalName})`);
  }
  w.field("Recorded", e.recordedAt.toISOString());
  if (e.language) w.field("Language", e.language);
  if (!e.consentText) w.field("Wording", "None: this event was not given through a form.");
  else if (wording && !wording.showText) w.field("Wording", "None sent.");
  if (e.form) {
    w.field("Form", `${e.form.name}, version ${e.form.version}`);
    w.field("Form version id", e.form.versionId, true);
    w.field("Wording SHA-256", e.form.digest, true);
  }
  for (const [label, value] of evidenceRows(e.evidence)) w.field(label, value);
  if (e.personal.ip) w.field("IP address", e.personal.ip);
  if (e.personal.userAgent) w.field("User agent", e.personal.userAgent);
  if (e.personal.name) w.field("Name given", e.personal.name);
  if (e.personal.note) w.field("Note", e.personal.note);
  w.field("By", actorText(e.actor));
  w.field("Event hash", e.hash, true);
  w.field("Previous hash", e.prevHash ?? "none: first event of this contact", !!e.prevHash);
}
