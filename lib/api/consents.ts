import "server-only";
import { ValidationError } from "../errors";
import { append } from "../ledger/append";
import { newPreferenceToken } from "../preferences/tokens";
import { publicBaseUrl } from "../server/urls";
import { BadRequestError } from "./errors";
import { readJsonBody } from "./request-body";
import { defineApiRoute, json, type ApiContext } from "./route";
import { consentRequestSchema, idempotencyKeySchema } from "./schemas";

/**
 * The Idempotency-Key header is required: a retried POST after a timeout would otherwise write a second,
 * permanent opt-in to a ledger that can never drop it. Keys are per API key, so two systems sharing a
 * workspace cannot collide.
 */
function idempotencyKeyOf(ctx: ApiContext): string {
  const raw = ctx.request.headers.get("idempotency-key");
  if (raw === null) {
    throw new BadRequestError("idempotency_key_required", "Send an Idempotency-Key header with every write.", [
      { field: "Idempotency-Key", code: "required", message: "required on writes" },
    ]);
  }
  const parsed = idempotencyKeySchema.safeParse(raw);
  if (!parsed.success) {
    throw new ValidationError([{ field: "Idempotency-Key", code: "invalid_format", message: parsed.error.issues[0]!.message }]);
  }
  return `api:${ctx.principal.keyId}:${parsed.data}`;
}

export const recordConsent = defineApiRoute({
  name: "consents.record",
  scope: "consents:write",
  async handle(ctx) {
    const body = await readJsonBody(ctx.request, consentRequestSchema);
    const idempotencyKey = idempotencyKeyOf(ctx);
    const { principal } = ctx;
    // The person's preference link is issued inside the append's transaction: one commit per request.
    const link = newPreferenceToken();
    const receipt = await append(
      ctx.db,
      {
        workspaceId: principal.workspace.id,
        phone: body.phone,
        bsuid: body.userId,
        name: body.name,
        categories: body.categories,
        action: body.action,
        channel: body.channel,
        formVersionId: body.formVersionId,
        language: body.language,
        occurredAt: body.occurredAt ? new Date(body.occurredAt) : undefined,
        evidence: body.evidence,
        note: body.note,
        actor: { type: "api_key", id: principal.keyId, name: principal.keyName },
        idempotencyKey,
      },
      { preferenceTokenHash: link.hash },
    );
    // A replay issues no link: rotating it would break the one the first answer handed out.
    const preferenceUrl = receipt.replayed ? null : `${publicBaseUrl()}/p/${link.token}`;
    // The API calls the BSUID by Meta's name for it; receipts stored before BSUIDs have no member (null).
    const { bsuid, ...rest } = receipt;
    return json({ ...rest, userId: bsuid ?? null, preferenceUrl }, receipt.replayed ? 200 : 201);
  },
});
