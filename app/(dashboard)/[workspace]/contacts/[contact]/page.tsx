import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatUtc } from "@/components/contacts/contacts-table";
import { EraseContactForm } from "@/components/contacts/erase-contact-form";
import { RecordConsentForm } from "@/components/contacts/record-consent-form";
import { StateBadge } from "@/components/contacts/state-badge";
import { Timeline } from "@/components/contacts/timeline";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { requireWorkspacePage } from "@/lib/auth/page-guards";
import { can } from "@/lib/auth/permissions";
import { contactLabel } from "@/lib/contacts/labels";
import { getDb } from "@/lib/server/app-database";
import { listAllCategories } from "@/lib/categories/queries";
import { findContactTimeline, findLastInbound } from "@/lib/contacts/timeline.queries";
import { findCategoryStates, findContact } from "@/lib/contacts/queries";
import { verifyContact } from "@/lib/ledger/verify";
import { eraseContactAction, recordConsentAction } from "./actions";

export const metadata: Metadata = { title: "Contact" };

type Props = { params: Promise<{ workspace: string; contact: string }> };

export default async function ContactPage({ params }: Props) {
  const { workspace: slug, contact: contactId } = await params;
  const actor = await requireWorkspacePage(slug, "contacts:read", `/${slug}/contacts/${contactId}`);
  const db = await getDb();
  const contact = await findContact(db, actor.workspace.id, contactId);
  if (!contact) notFound();
  const [categories, states, timeline, verification, lastInbound] = await Promise.all([
    listAllCategories(db, actor.workspace.id),
    findCategoryStates(db, actor.workspace.id, [contact.id]),
    findContactTimeline(db, actor.workspace.id, contact.id),
    verifyContact(db, actor.workspace.id, contact.id),
    findLastInbound(db, actor.workspace.id, contact.id),
  ]);
  const state = states.get(contact.id) ?? {};
  const active = categories.filter((c) => !c.retiredAt);

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={`/${slug}/contacts`} className="text-brand-800 underline-offset-4 hover:underline">
          ← Contacts
        </Link>
      </nav>
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="font-mono text-2xl font-semibold text-slate-900">{contact.phone || contact.bsuid ? contactLabel(contact) : "Erased contact"}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {contact.name ? `${contact.name} · ` : ""}First seen {formatUtc(contact.createdAt)}
            {contact.erasedAt ? ` · personal data erased ${formatUtc(contact.erasedAt)}` : ""}
          </p>
          {lastInbound && (
            <p className="mt-1 text-sm text-slate-600">
              Last wrote on WhatsApp {formatUtc(lastInbound.at)} ·{" "}
              {lastInbound.open
                ? `service window open until ${formatUtc(lastInbound.windowClosesAt)}: free-form replies allowed`
                : "service window closed: only templates the contact opted in to"}
            </p>
          )}
        </div>
        <div className="flex flex-col items-start gap-2 lg:items-end">
          {verification.ok ? (
            <Alert tone="success">
              Chain verified: {verification.events} {verification.events === 1 ? "event" : "events"}, every hash and link intact.
            </Alert>
          ) : (
            <Alert tone="error">Chain does not verify: {verification.problems[0]?.message ?? "the contact's record is incomplete"}.</Alert>
          )}
          {can(actor.role, "evidence:read") && (
            <a href={`/${slug}/contacts/${contact.id}/certificate`} className={buttonClass("secondary")} download>
              Download consent certificate (PDF)
            </a>
          )}
          {can(actor.role, "evidence:read") && (
            <a href={`/${slug}/contacts/${contact.id}/consent-record`} className="text-sm text-slate-600 underline hover:text-slate-900" download>
              Consent record, ISO/IEC TS 27560 (JSON)
            </a>
          )}
        </div>
      </header>

      <section aria-labelledby="state-heading">
        <h2 id="state-heading" className="mb-2 text-lg font-semibold">
          Current consent
        </h2>
        <div className="flex flex-wrap gap-2">
          {categories.map((c) => (
            <StateBadge key={c.key} label={c.retiredAt ? `${c.label} (retired)` : c.label} state={state[c.key]} />
          ))}
        </div>
      </section>

      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <section aria-labelledby="timeline-heading">
          <h2 id="timeline-heading" className="mb-2 text-lg font-semibold">
            Timeline and evidence
          </h2>
          <Timeline events={timeline} filesHref={can(actor.role, "evidence:read") ? `/${slug}/evidence/files` : undefined} />
        </section>

        <aside className="space-y-6">
          {can(actor.role, "contacts:record") && contact.phone && (
            <section aria-labelledby="record-heading" className="rounded-xl border border-slate-200 bg-white p-4">
              <h2 id="record-heading" className="mb-3 text-lg font-semibold">
                Record a request
              </h2>
              <RecordConsentForm
                action={recordConsentAction}
                workspace={slug}
                contactId={contact.id}
                categories={active.map((c) => ({ key: c.key, label: c.label }))}
              />
              <p className="mt-4 border-t border-slate-100 pt-3 text-sm text-slate-600">
                Signed a printed opt-in form?{" "}
                <Link href={`/${slug}/contacts/paper?contact=${contact.id}`} className="font-medium text-brand-800 underline underline-offset-4">
                  Record a signed paper form
                </Link>{" "}
                with its scan.
              </p>
            </section>
          )}
          {can(actor.role, "contacts:erase") && !contact.erasedAt && (
            <section aria-labelledby="erase-heading" className="rounded-xl border border-red-200 bg-white p-4">
              <h2 id="erase-heading" className="text-lg font-semibold">
                Erase personal data
              </h2>
              <p className="mb-3 mt-1 text-sm text-slate-600">
                First opts the person out of every category (recorded in the ledger, so no check allows a message to them again), then removes the phone number,
                name, IP addresses, browsers, notes, the scans of signed forms and every import file that lists the number. The consent history and its proofs
                stay, as salted digests.
              </p>
              <EraseContactForm action={eraseContactAction} workspace={slug} contactId={contact.id} />
            </section>
          )}
        </aside>
      </div>
    </div>
  );
}
