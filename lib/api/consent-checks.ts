import "server-only";
import type { z } from "zod";
import type { DbOrTx } from "../db/client";
import type { ApiPrincipal } from "../api-keys/authenticate";
import { findCheckFacts, type SubscriptionFact, type WindowFact } from "./consent-check-query";
import { bsuidDigestLenient, bsuidDigestStrict, phoneDigestLenient, phoneDigestStrict } from "./phone-digest";
import { readJsonBody, readQuery } from "./request-body";
import { defineApiRoute, json } from "./route";
import { bulkCheckRequestSchema, consentCheckQuerySchema, type checkResultSchema } from "./schemas";

type CheckResult = z.infer<typeof checkResultSchema>;
type Decision = Omit<CheckResult, "phone" | "userId">;
export type CheckKind = "template" | "session";

/** Who is asked about: a number's or a BSUID's digest, or null for one that could not be read. */
export type CheckTarget = { kind: "phone" | "bsuid"; digest: string | null };

const refused = (reason: Decision["reason"]): Decision => ({ allowed: false, reason, event: null, rule: "category_consent" });
const unreadable = (t: CheckTarget) => refused(t.kind === "phone" ? "invalid_phone" : "invalid_user_id");

/** Why a number may or may not be messaged in a category, from its current subscription row. */
export function decide(fact: SubscriptionFact | undefined, requireConfirmation: boolean): Decision {
  if (!fact) return refused("never_opted_in");
  const event = eventOf(fact);
  const rule = "category_consent" as const;
  if (fact.state === "opted_out") return { allowed: false, reason: "opted_out", event, rule };
  if (requireConfirmation && fact.opt_in_level !== "confirmed") return { allowed: false, reason: "not_confirmed", event, rule };
  return { allowed: true, reason: "opted_in", event, rule };
}

const eventOf = (fact: SubscriptionFact) => ({
  id: fact.event_id,
  action: fact.action,
  channel: fact.channel,
  occurredAt: fact.occurred_at,
  recordedAt: fact.recorded_at,
});

/**
 * A free-form message: the person's writing opened WhatsApp's 24-hour window, in which no opt-in is needed; an
 * opt-out of the category still wins, since they said not to be sent this kind.
 */
export function decideSession(fact: SubscriptionFact | undefined, window: WindowFact | undefined): Decision {
  if (fact?.state === "opted_out") return { allowed: false, reason: "opted_out", event: eventOf(fact), rule: "category_consent" };
  const closes = { event: null, rule: "service_window" as const, windowClosesAt: window?.closes_at ?? null };
  return window?.open ? { allowed: true, reason: "in_service_window", ...closes } : { allowed: false, reason: "service_window_closed", ...closes };
}

/**
 * Answers for each target, in the order given. A contact known by both a number and a BSUID is one contact, so
 * a check by either answers the same.
 */
export async function checkConsents(
  db: DbOrTx,
  principal: ApiPrincipal,
  targets: CheckTarget[],
  categoryKey: string,
  kind: CheckKind = "template",
  businessNumber?: string,
): Promise<Decision[]> {
  const { workspace } = principal;
  const digests = (kind: CheckTarget["kind"]) => [...new Set(targets.filter((t) => t.kind === kind && t.digest !== null).map((t) => t.digest!))];
  const found = await findCheckFacts(
    db,
    workspace.id,
    categoryKey,
    { phones: digests("phone"), bsuids: digests("bsuid") },
    { windows: kind === "session", businessNumber },
  );
  if (!found) return targets.map(() => refused("unknown_category"));
  if (found.category.retired) return targets.map((t) => (t.digest ? refused("category_retired") : unreadable(t)));
  const byPhone = new Map(found.facts.filter((f) => f.phone_digest).map((f) => [f.phone_digest!, f]));
  const byBsuid = new Map(found.facts.filter((f) => f.bsuid_digest).map((f) => [f.bsuid_digest!, f]));
  const windows = new Map(found.windows.map((w) => [w.digest, w]));
  return targets.map((t) => {
    if (!t.digest) return unreadable(t);
    const fact = (t.kind === "phone" ? byPhone : byBsuid).get(t.digest);
    return kind === "session" ? decideSession(fact, windows.get(t.digest)) : decide(fact, found.requireConfirmation);
  });
}

export const checkOne = defineApiRoute({
  name: "consent-checks.one",
  scope: "consents:read",
  async handle({ db, principal, request }) {
    const query = readQuery(request, consentCheckQuerySchema);
    const target: CheckTarget =
      query.userId !== undefined
        ? { kind: "bsuid", digest: bsuidDigestStrict(principal.workspace, query.userId) }
        : { kind: "phone", digest: phoneDigestStrict(principal.workspace, query.phone!).digest };
    const [decision] = await checkConsents(db, principal, [target], query.category, query.kind, query.businessNumber);
    const asked = query.userId !== undefined ? { userId: query.userId } : { phone: query.phone! };
    const from = query.businessNumber === undefined ? {} : { businessNumber: query.businessNumber };
    return json({ ...asked, category: query.category, kind: query.kind, ...from, ...decision! });
  },
});

/**
 * Up to 10,000 numbers and BSUIDs in one category. One that cannot be read is answered `invalid_phone` or
 * `invalid_user_id` (not allowed) rather than failing the batch, so one typo does not block a campaign's other
 * recipients. Results come in request order: the phones, then the userIds.
 */
export const checkMany = defineApiRoute({
  name: "consent-checks.bulk",
  scope: "consents:read",
  async handle({ db, principal, request }) {
    const body = await readJsonBody(request, bulkCheckRequestSchema);
    const phones = body.phones ?? [];
    const userIds = body.userIds ?? [];
    const targets: CheckTarget[] = [
      ...phones.map((p) => ({ kind: "phone" as const, digest: phoneDigestLenient(principal.workspace, p) })),
      ...userIds.map((u) => ({ kind: "bsuid" as const, digest: bsuidDigestLenient(principal.workspace, u) })),
    ];
    const decisions = await checkConsents(db, principal, targets, body.category, body.kind, body.businessNumber);
    // Each result names what was asked, then the decision: one object per number, no intermediate copies (a bulk
    // check answers up to 10,000 at once).
    const results = decisions.map((d, i) => (i < phones.length ? { phone: phones[i]!, ...d } : { userId: userIds[i - phones.length]!, ...d }));
    const from = body.businessNumber === undefined ? {} : { businessNumber: body.businessNumber };
    return json({ category: body.category, kind: body.kind, ...from, results });
  },
});
