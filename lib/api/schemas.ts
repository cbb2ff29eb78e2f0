import { z } from "zod";
import { exportFilterSchema } from "../exports/filters";
import { bsuidSchema, consentActions, eventChannels, evidenceSchemas } from "../ledger/types";
import { dateOrDateTime } from "../validation/dates";

/**
 * The public API's request and response shapes. The same schemas validate requests and generate
 * /api/v1/openapi.json (lib/api/openapi.ts), so the document cannot drift from what is enforced.
 */

export const MAX_BULK_PHONES = 10_000;

const phone = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .meta({ description: "E.164 (+12015550123) or national in the workspace's country", examples: ["+12015550123"] });
const userId = bsuidSchema.meta({
  description:
    "The person's WhatsApp business-scoped user ID (BSUID: Meta's user_id, sent with or instead of the number once people adopt usernames), exactly as Meta sent it",
  examples: ["US.13491208655302741918"],
});
/** Where a request may name a person by number or by BSUID: at least one. */
const oneIdentity = (v: { phone?: string; userId?: string }, ctx: z.RefinementCtx) => {
  if (v.phone === undefined && v.userId === undefined) ctx.addIssue({ code: "custom", path: ["phone"], message: "give phone or userId" });
};
const categoryKey = z
  .string()
  .min(1)
  .max(64)
  .meta({ description: "A message category's key", examples: ["offers"] });
const isoTime = z.iso.datetime({ offset: true });
const uuid = z.uuid();

/**
 * Channels an API caller may claim. Not web (the hosted form proves the person's own browser), not sms or
 * whatsapp (only the signed provider webhooks may say a message came from the number), not staff (a signed-in
 * member in the dashboard). An IVR opt-in must point at its recording and the script version it played.
 */
export const apiChannels = ["api", "ivr", "import", "paper"] as const;

const ivrEvidence = evidenceSchemas.ivr.required({ recordingUrl: true, recordingDigest: true });
const channelEvidence = {
  api: evidenceSchemas.api,
  ivr: ivrEvidence,
  import: evidenceSchemas.import,
  paper: evidenceSchemas.paper,
} satisfies Record<(typeof apiChannels)[number], z.ZodType>;

const consentBase = {
  phone: phone.optional(),
  userId: userId.optional(),
  categories: z.array(categoryKey).min(1, "choose at least one category").max(50),
  action: z.enum(consentActions),
  occurredAt: isoTime.optional().meta({ description: "When the person gave or withdrew consent; defaults to now" }),
  name: z.string().trim().max(200).optional(),
  language: z.string().min(2).max(16).optional(),
  formVersionId: uuid
    .optional()
    .meta({ description: "The published form or IVR script version whose wording the person was given; required for paper and IVR opt-ins" }),
  note: z.string().trim().max(2000).optional(),
};

export const consentRequestSchema = z
  .discriminatedUnion("channel", [
    z.strictObject({ ...consentBase, channel: z.literal("api"), evidence: channelEvidence.api.default({}) }),
    z.strictObject({ ...consentBase, channel: z.literal("ivr"), evidence: channelEvidence.ivr }),
    z.strictObject({ ...consentBase, channel: z.literal("import"), evidence: channelEvidence.import }),
    z.strictObject({ ...consentBase, channel: z.literal("paper"), evidence: channelEvidence.paper }),
  ])
  .superRefine(oneIdentity)
  .meta({ id: "ConsentRequest", description: "Names the person by phone, by userId (BSUID) or both; both link the two to one contact." });
export type ConsentRequest = z.output<typeof consentRequestSchema>;

export const idempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,128}$/, "use 1 to 128 printable ASCII characters, such as a UUID")
  .meta({
    description:
      "Required on POST /consents. A retry with the same key and body returns the first receipt (200); another body with the same key is refused (409).",
  });

const subscriptionState = z.object({ state: z.enum(["opted_in", "opted_out"]), optInLevel: z.enum(["single", "confirmed"]).nullable() });

export const receiptSchema = z
  .object({
    commandId: uuid,
    workspaceId: uuid,
    contactId: uuid,
    phone: z.string().nullable().meta({ description: "E.164; null for a contact known only by its userId" }),
    userId: z.string().nullable().meta({ description: "The contact's WhatsApp BSUID, if known" }),
    events: z.array(
      z.object({ id: uuid, categoryKey: z.string(), action: z.enum(consentActions), seq: z.number().int(), hash: z.string(), occurredAt: isoTime }),
    ),
    state: z.record(z.string(), subscriptionState),
    replayed: z.boolean(),
    preferenceUrl: z
      .string()
      .nullable()
      .meta({ description: "The person's preference-centre link, newly issued; null on a replay or if it could not be issued" }),
  })
  .meta({ id: "Receipt" });

export const eventRefSchema = z
  .object({ id: uuid, action: z.enum(consentActions), channel: z.enum(eventChannels), occurredAt: isoTime, recordedAt: isoTime })
  .meta({ id: "EventRef" });

export const contactParamsSchema = z.object({ phone });

export const contactStateSchema = z
  .object({
    contactId: uuid,
    phone: z.string().nullable().meta({ description: "Null once the contact's personal data is erased, or for a contact known only by its userId" }),
    userId: z.string().nullable().meta({ description: "The contact's WhatsApp BSUID; null if unknown or erased" }),
    categories: z.array(
      z.object({
        category: z.string(),
        retired: z.boolean(),
        state: z.enum(["opted_in", "opted_out"]),
        optInLevel: z.enum(["single", "confirmed"]).nullable(),
        changedAt: isoTime,
        event: eventRefSchema,
      }),
    ),
  })
  .meta({ id: "ContactState" });

export const checkReasons = [
  "opted_in",
  "never_opted_in",
  "opted_out",
  "not_confirmed",
  "category_retired",
  "unknown_category",
  "invalid_phone",
  "invalid_user_id",
  "in_service_window",
  "service_window_closed",
] as const;

const checkKind = z.enum(["template", "session"]).default("template").meta({
  description:
    "template (default): a business-initiated message, allowed with an opt-in to the category. session: a free-form reply, allowed while the person's last message to the business is under 24 hours old (WhatsApp's customer-service window), unless they opted out of the category.",
});

export const checkRules = ["category_consent", "service_window"] as const;

/**
 * WhatsApp's window is per business number: a person who wrote to one of the business's numbers may be answered
 * freely from that number only. Named as the sender knows it: the Cloud API phone number ID it sends with, or the
 * number in E.164 for a Twilio sender.
 */
const businessNumber = z
  .string()
  .trim()
  .regex(/^(\+[1-9]\d{6,14}|\d{1,30})$/, "give the Cloud API phone number ID (digits) or the business number in E.164, e.g. +14155238886")
  .optional()
  .meta({
    description:
      "kind=session only: the number the message will be sent from (the Cloud API phone number ID, or the E.164 number for Twilio); only the window the person opened with that number counts. Without it, a message to any of the workspace's numbers counts.",
  });
const sessionOnly = (v: { kind: string; businessNumber?: string }, ctx: z.RefinementCtx) => {
  if (v.businessNumber !== undefined && v.kind !== "session") {
    ctx.addIssue({ code: "custom", path: ["businessNumber"], message: "only for kind=session: a template's answer does not depend on the number" });
  }
};

export const consentCheckQuerySchema = z
  .object({
    phone: phone.optional(),
    userId: userId.optional().meta({ description: "Instead of phone: the person's WhatsApp BSUID" }),
    category: categoryKey,
    kind: checkKind,
    businessNumber,
  })
  .superRefine((v, ctx) => {
    oneIdentity(v, ctx);
    sessionOnly(v, ctx);
    if (v.phone !== undefined && v.userId !== undefined) ctx.addIssue({ code: "custom", path: ["userId"], message: "give phone or userId, not both" });
  });

export const bulkCheckRequestSchema = z
  .strictObject({
    phones: z.array(z.string().max(64)).max(MAX_BULK_PHONES).optional(),
    userIds: z.array(z.string().max(200)).max(MAX_BULK_PHONES).optional().meta({ description: "WhatsApp BSUIDs, checked like phones (after them, in order)" }),
    category: categoryKey,
    kind: checkKind,
    businessNumber,
  })
  .superRefine((v, ctx) => {
    sessionOnly(v, ctx);
    const count = (v.phones?.length ?? 0) + (v.userIds?.length ?? 0);
    if (count === 0) ctx.addIssue({ code: "custom", path: ["phones"], message: "give at least one phone or userId" });
    if (count > MAX_BULK_PHONES) ctx.addIssue({ code: "custom", path: ["phones"], message: `at most ${MAX_BULK_PHONES} phones and userIds together` });
  })
  .meta({ id: "BulkCheckRequest" });

export const checkResultSchema = z
  .object({
    phone: z.string().optional().meta({ description: "As sent, when the check was by number" }),
    userId: z.string().optional().meta({ description: "As sent, when the check was by BSUID" }),
    allowed: z.boolean(),
    reason: z.enum(checkReasons),
    event: eventRefSchema.nullable().meta({ description: "The event that decides the answer, if any" }),
    rule: z.enum(checkRules).meta({
      description: "What decided: category_consent (the category's opt-in or opt-out, or its absence) or service_window (the 24-hour window, for kind=session)",
    }),
    windowClosesAt: isoTime
      .nullable()
      .optional()
      .meta({ description: "kind=session only: 24 hours after the person's last message (past if closed); null if they never wrote" }),
  })
  .meta({ id: "CheckResult" });

const echoedBusinessNumber = z.string().optional().meta({ description: "As sent, when the check named the number it will be sent from" });
export const singleCheckResponseSchema = checkResultSchema
  .extend({ category: z.string(), kind: z.enum(["template", "session"]), businessNumber: echoedBusinessNumber })
  .meta({ id: "SingleCheckResult" });
export const bulkCheckResponseSchema = z
  .object({ category: z.string(), kind: z.enum(["template", "session"]), businessNumber: echoedBusinessNumber, results: z.array(checkResultSchema) })
  .meta({ id: "BulkCheckResult" });

const dateOrTime = dateOrDateTime().meta({ description: "A date (UTC midnight) or a date-time" });

// Strict: an unknown parameter (since=, until=) would otherwise be ignored and the answer silently unfiltered.
export const eventsQuerySchema = z.strictObject({
  from: dateOrTime.optional().meta({ description: "occurredAt ≥ this" }),
  to: dateOrTime.optional().meta({ description: "occurredAt < this" }),
  category: categoryKey.optional(),
  action: z.enum(consentActions).optional(),
  channel: z.enum(eventChannels).optional(),
  cursor: z.string().max(200).optional().meta({ description: "nextCursor or syncCursor of a previous page (with the same filters)" }),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const ledgerEventSchema = z
  .object({
    id: uuid,
    contactId: uuid,
    phone: z.string().nullable(),
    userId: z.string().nullable().meta({ description: "The contact's WhatsApp BSUID, if known" }),
    seq: z.number().int(),
    commandId: uuid,
    category: z.string(),
    action: z.enum(consentActions),
    channel: z.enum(eventChannels),
    optInLevel: z.enum(["single", "confirmed"]).nullable(),
    formVersionId: uuid.nullable(),
    language: z.string().nullable(),
    occurredAt: isoTime,
    recordedAt: isoTime,
    evidence: z.record(z.string(), z.unknown()),
    actor: z.record(z.string(), z.unknown()),
    prevHash: z.string().nullable(),
    hash: z.string(),
  })
  .meta({ id: "LedgerEvent" });

export const eventsPageSchema = z
  .object({
    data: z.array(ledgerEventSchema),
    nextCursor: z.string().nullable().meta({ description: "Pass as cursor for the next page; null on the last" }),
    syncCursor: z.string().meta({
      description: "Pass as cursor later to get only the events committed since: following it, a client sees every event exactly once whatever the concurrency",
    }),
  })
  .meta({ id: "EventsPage" });

export const exportQuerySchema = exportFilterSchema;

export const verifyQuerySchema = z.object({
  anchor: z
    .string()
    .max(8_000, "at most about a hundred heads")
    .optional()
    .describe(
      "Checkpoint heads you kept outside Assent, as <checkpoint seq>:<hash>, comma-separated (e.g. from ledger.checkpoint webhooks); each must still be in the ledger with that hash",
    ),
});

export const verifyResultSchema = z
  .object({
    ok: z.boolean(),
    contacts: z.number().int(),
    events: z.number().int(),
    checkpoints: z.number().int(),
    unsealedEvents: z.number().int().describe("Events after the newest checkpoint"),
    unanchoredCheckpoints: z.number().int().describe("Checkpoints without an RFC 3161 timestamp token"),
    anchors: z
      .object({
        timestamped: z.number().int(),
        unanchored: z.number().int(),
        keptHeads: z.number().int(),
        keptHeadsMatching: z.number().int(),
        newestAnchoredHead: z
          .object({
            seq: z.number().int(),
            hash: z.string(),
            toPosition: z.number().int(),
            source: z.enum(["tsa", "kept"]),
            anchoredAt: z.string(),
            ageSeconds: z.number().int(),
          })
          .nullable(),
        eventsAfterAnchoredHead: z.number().int(),
      })
      .describe("What was checked against copies outside the database"),
    problems: z.array(
      z.object({
        kind: z.string(),
        message: z.string(),
        eventId: z.string().optional(),
        position: z.number().optional(),
        contactId: z.string().optional(),
        checkpointId: z.string().optional(),
        checkpointSeq: z.number().int().optional(),
      }),
    ),
  })
  .meta({ id: "VerifyResult" });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
    requestId: z.string().optional(),
  })
  .meta({ id: "Problem" });
