import type { Metadata } from "next";
import { formatUtc } from "@/components/contacts/contacts-table";
import { ActionButton } from "@/components/ui/action-button";
import { buttonClass } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { requireWorkspacePage } from "@/lib/auth/page-guards";
import { can } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { getDb } from "@/lib/server/app-database";
import { latestAuditEntry } from "@/lib/audit/queries";
import { listCheckpoints } from "@/lib/ledger/checkpoint";
import { createCheckpointAction, verifyLedgerAction } from "./actions";

export const metadata: Metadata = { title: "Ledger" };

type VerifyDetail = {
  ok: boolean;
  events: number;
  contacts: number;
  checkpoints: number;
  unsealedEvents: number;
  /** Absent in audit entries written before checkpoints were timestamped. */
  unanchoredCheckpoints?: number;
  newestAnchoredHead?: { seq: number; anchoredAt: string; source: "tsa" | "kept" } | null;
  firstProblem: string | null;
};

/** Says how much of the ledger is sealed, and up to where something outside the database can contradict a rewrite. */
function anchorSummary(v: VerifyDetail): string {
  const sealed = v.unsealedEvents === 0 ? "Every event is sealed" : `${v.unsealedEvents.toLocaleString("en")} events were not yet sealed`;
  const head = v.newestAnchoredHead;
  const anchored = head
    ? `the newest timestamped checkpoint was ${head.seq}, timestamped ${formatUtc(new Date(head.anchoredAt))}`
    : "no checkpoint was timestamped";
  const pending = v.unanchoredCheckpoints ? ` (${v.unanchoredCheckpoints} checkpoints without a timestamp)` : "";
  return `${sealed}; ${anchored}${pending}.`;
}

export default async function LedgerPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const actor = await requireWorkspacePage(slug, "evidence:read", `/${slug}/ledger`);
  const db = await getDb();
  const [checkpoints, lastVerify] = await Promise.all([listCheckpoints(db, actor.workspace.id), latestAuditEntry(db, actor.workspace.id, "ledger.verify")]);
  const verified = lastVerify?.detail as VerifyDetail | undefined;
  const mayAct = can(actor.role, "ledger:verify");
  // Without an authority configured there is no token to wait for: say so rather than "not yet".
  const untimestamped = env().TSA_URL ? "not yet" : "no authority set";

  return (
    <div className="max-w-4xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Ledger</h1>
        <p className="mt-1 text-sm text-slate-600">Every consent change is an event in a tamper-evident ledger. This page shows whether it is intact.</p>
      </div>

      <section aria-labelledby="verify-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-5">
        <h2 id="verify-heading" className="text-lg font-semibold">
          Verification
        </h2>
        {verified && lastVerify ? (
          <Alert tone={verified.ok ? "success" : "error"}>
            {verified.ok
              ? `Intact at ${formatUtc(lastVerify.createdAt)}: ${verified.events.toLocaleString("en")} events of ${verified.contacts.toLocaleString("en")} contacts, ${verified.checkpoints} checkpoints (checked by ${lastVerify.actorLabel}).`
              : `Failed at ${formatUtc(lastVerify.createdAt)}: ${verified.firstProblem}`}
          </Alert>
        ) : (
          <p className="text-sm text-slate-600">The ledger has not been verified from the dashboard yet.</p>
        )}
        {verified && verified.unanchoredCheckpoints !== undefined && <p className="text-sm text-slate-600">{anchorSummary(verified)}</p>}
        {mayAct && (
          <div className="flex flex-wrap gap-6">
            <ActionButton
              action={verifyLedgerAction}
              fields={{ workspace: slug }}
              label="Verify the whole ledger now"
              pendingLabel="Verifying…"
              variant="primary"
              outcomeOnPage
            />
            <ActionButton action={createCheckpointAction} fields={{ workspace: slug }} label="Seal a checkpoint" pendingLabel="Sealing…" />
          </div>
        )}
      </section>

      <section aria-labelledby="checkpoints-heading" className="rounded-xl border border-slate-200 bg-white p-5">
        <h2 id="checkpoints-heading" className="mb-3 text-lg font-semibold">
          Checkpoints
        </h2>
        {checkpoints.length === 0 ? (
          <EmptyState inline>No checkpoints yet. A checkpoint seals every event appended since the previous one, every few minutes.</EmptyState>
        ) : (
          <DataTable framed={false} label="Checkpoints" columns={["#", "Sealed", "Timestamped", "Events", "Hash"]}>
            {checkpoints.map((c) => (
              <tr key={c.id}>
                <td>{c.seq}</td>
                <td className="whitespace-nowrap">{formatUtc(c.createdAt)}</td>
                <td className="whitespace-nowrap">{c.timestampedAt ? formatUtc(c.timestampedAt) : untimestamped}</td>
                <td>{c.eventCount.toLocaleString("en")}</td>
                <td className="min-w-60 break-all font-mono text-xs">{c.hash}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>

      <section aria-labelledby="independent-heading" className="space-y-2 rounded-xl border border-slate-200 bg-white p-5 text-sm text-slate-700">
        <h2 id="independent-heading" className="text-lg font-semibold text-slate-900">
          How to verify independently
        </h2>
        <p>
          Each event&apos;s hash is the SHA-256 of a canonical JSON encoding of its fields, including the hash of the same contact&apos;s previous event, so
          changing or removing any event breaks every later link. Personal data (phone, name, IP, browser, notes) is committed as salted HMAC-SHA-256 digests,
          so it can be erased without breaking the chain.
        </p>
        <p>
          Checkpoints chain the digest of all event hashes in their range to the previous checkpoint, so a contact&apos;s whole history cannot disappear
          unnoticed. They are sealed every few minutes; with a time-stamping authority configured each one is timestamped (RFC 3161), and a webhook endpoint
          subscribed to ledger checkpoints receives a signed copy of each. Keep those copies outside Assent: given them, verification names the first checkpoint
          that no longer matches, even if someone with the database rewrote every hash.
        </p>
        <p>
          On the server, <code className="rounded bg-slate-100 px-1">npm run assent -- ledger:verify --workspace {slug}</code> recomputes everything and names
          the first bad event (add <code className="rounded bg-slate-100 px-1">--anchors kept.jsonl</code> to check against your copies).
        </p>
        <p>
          Without Assent: the proof export carries every hashed field (personal data only as its digests), every checkpoint and its timestamp. Check it with the
          standalone verifier in Assent&apos;s repository, <code className="rounded bg-slate-100 px-1">npx assent-verify proof.jsonl --anchors kept.jsonl</code>
          , or redo its steps with jq, sha256sum and openssl (docs/ledger.md).
        </p>
        {mayAct && (
          <a href={`/${slug}/ledger/proof`} className={buttonClass("secondary")} download>
            Download the proof export (JSON Lines)
          </a>
        )}
      </section>
    </div>
  );
}
