import "server-only";
import { and, eq } from "drizzle-orm";
import type { WorkspaceActor } from "../auth/guards";
import { actorText } from "../contacts/evidence-format";
import { channelLabels } from "../contacts/labels";
import type { TimelineEvent } from "../contacts/timeline.queries";
import type { DbOrTx } from "../db/client";
import { contacts } from "../db/schema/ledger";
import { businessNameAt, loadCertificateInput, type CertificateInput } from "./certificate";

/**
 * A contact's evidence as consent records in the information structure of ISO/IEC TS 27560:2023 (Privacy
 * technologies — Consent record information structure), in plain JSON with the standard's field names in
 * snake_case as the DPVCG's JSON example of it writes them (record, pii_processing, party_identification, event).
 *
 * Each message category is a consent of its own (the policy asks for a separate opt-in per category), so the
 * document holds one record per category the contact has events for. The data subject appears only by Assent's
 * contact id and the salted digests of the number and BSUID: no plain personal data (decision 0021). Fields the
 * standard makes mandatory that Assent does not hold (storage location, retention period, jurisdiction, address)
 * are null, for the business to complete; each event carries its ledger hash, so the record can be checked
 * against the ledger and its proof export.
 */
export const CONSENT_RECORD_SCHEMA = "ISO/IEC TS 27560:2023";

export type ConsentRecordInput = CertificateInput & { digests: { phone: string | null; bsuid: string | null } };

export async function loadConsentRecordInput(
  db: DbOrTx,
  actor: Pick<WorkspaceActor, "workspace" | "user">,
  contactId: string,
  now = new Date(),
): Promise<ConsentRecordInput> {
  const input = await loadCertificateInput(db, actor, contactId, now);
  const [row] = await db
    .select({ phone: contacts.phoneDigest, bsuid: contacts.bsuidDigest })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, actor.workspace.id), eq(contacts.id, input.contact.id)));
  return { ...input, digests: { phone: row?.phone ?? null, bsuid: row?.bsuid ?? null } };
}

/** 27560's event state for each ledger action: an opt-in or its confirmation gives consent, an opt-out withdraws it. */
const eventState = { opt_in: "given", confirm: "given", opt_out: "withdrawn" } as const;

export function buildConsentRecords(input: ConsentRecordInput) {
  const parties = controllerParties(input);
  const partyAt = (at: Date) => {
    const name = businessNameAt(input.businessNames, at) ?? input.business;
    return parties.find((p) => p.party_name === name.businessName && p.legal_name === name.legalName)!.party_id;
  };
  const byCategory = new Map<string, TimelineEvent[]>();
  for (const e of input.events) byCategory.set(e.categoryKey, [...(byCategory.get(e.categoryKey) ?? []), e]);

  const records = input.categories
    .filter((c) => byCategory.has(c.key))
    .map((category) => {
      const events = byCategory.get(category.key)!;
      const last = events.at(-1)!;
      const notices = uniqueBy(
        events.filter((e) => e.form),
        (e) => `${e.form!.versionId}|${e.language}`,
      ).map((e) => ({
        notice_id: e.form!.versionId,
        form: e.form!.slug,
        form_version: e.form!.version,
        form_version_digest: e.form!.digest,
        language: e.language,
        consent_text: e.consentText,
        how_to_stop: e.howToStop,
      }));
      const controllers = [...new Set(events.map((e) => partyAt(e.occurredAt)))];
      return {
        record: { schema_version: CONSENT_RECORD_SCHEMA, record_id: `${input.contact.id}/${category.key}`, pii_principal_id: input.contact.id },
        pii_processing: {
          privacy_notice: notices,
          language: last.language,
          purposes: [
            {
              purpose: category.label,
              purpose_id: category.key,
              purpose_type: "Business-initiated WhatsApp messages of this category",
              lawful_basis: "consent",
              pii_information: [
                { pii_type: "phone number (E.164)", pii_optional: false, sensitive_pii_category: false, special_pii_category: false },
                { pii_type: "WhatsApp business-scoped user ID", pii_optional: true, sensitive_pii_category: false, special_pii_category: false },
              ],
              pii_controllers: controllers,
              collection_method: [...new Set(events.map((e) => channelLabels[e.channel]))],
              processing_method: ["store", "send WhatsApp messages"],
              services: ["WhatsApp"],
              withdrawal_method: notices.at(-1)?.how_to_stop ?? "Reply STOP, use the preference link in any message, or ask the business.",
              storage_locations: null,
              retention_period: null,
              jurisdiction: null,
              recipient_third_parties: null,
            },
          ],
        },
        party_identification: parties.filter((p) => controllers.includes(p.party_id)),
        event: events.map((e) => ({
          event_time: e.occurredAt.toISOString(),
          recorded_time: e.recordedAt.toISOString(),
          entity_id: e.actor.type === "person" ? input.contact.id : actorText(e.actor),
          type: "expressed",
          state: eventState[e.action],
          pii_controller: partyAt(e.occurredAt),
          evidence: {
            event_id: e.id,
            seq: e.seq,
            hash: e.hash,
            prev_hash: e.prevHash,
            channel: e.channel,
            opt_in_level: e.optInLevel,
            notice_id: e.form?.versionId ?? null,
            form_version_digest: e.form?.digest ?? null,
            collection: e.evidence,
          },
        })),
        current_state: category.state
          ? { state: category.state.state, opt_in_level: category.state.level, since: category.state.changedAt.toISOString() }
          : null,
      };
    });

  return {
    schema_version: CONSENT_RECORD_SCHEMA,
    generated_at: input.generatedAt.toISOString(),
    generated_by: input.generatedBy,
    pii_principal: {
      pii_principal_id: input.contact.id,
      identifiers: [
        { type: "phone number, HMAC-SHA256 with the workspace's salt", value: input.digests.phone },
        { type: "WhatsApp business-scoped user ID, HMAC-SHA256 with the workspace's salt", value: input.digests.bsuid },
      ].filter((i) => i.value !== null),
      erased_at: input.contact.erasedAt?.toISOString() ?? null,
    },
    certificate: input.links.certificate,
    chain_verified: input.verification.ok,
    records,
  };
}

/** One PII Controller party per name the business had when this contact's events happened. */
function controllerParties(input: ConsentRecordInput) {
  const names = uniqueBy(
    input.events.map((e) => businessNameAt(input.businessNames, e.occurredAt) ?? input.business),
    (n) => `${n.businessName}|${n.legalName}`,
  );
  return names.map((n, i) => ({
    party_id: `controller-${i + 1}`,
    party_name: n.businessName,
    legal_name: n.legalName,
    party_role: "PII Controller",
    party_contact: input.business.whatsappNumber ? [{ contact_type: "WhatsApp", contact_information: input.business.whatsappNumber }] : [],
    party_address: null,
  }));
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}
