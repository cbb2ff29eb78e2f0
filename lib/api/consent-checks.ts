import "server-only";
import type { z } from "zod";
import type { DbOrTx } from "../db/client";
import type { ApiPrincipal } from "./authenticate";
import { findCheckFacts, type SubscriptionFact } from "./consent-check-query";
import { phoneDigestLenient, phoneDigestStrict } from "./phone-digest";
import { readJsonBody, readQuery } from "./request-body";
import { defineApiRoute, json } from "./route";
import { bulkCheckRequestSchema, consentCheckQuerySchema, type checkResultSchema } from "./schemas";

type CheckResult = z.infer<typeof checkResultSchema>;
type Decision = Omit<CheckResult, "phone">;

const refused = (reason: Decision["reason"]): Decision => ({ allowed: false, reason, event: null });

/** Why a number may or may not be messaged in a category, from its current subscription row. */
export function decide(fact: SubscriptionFact | undefined, requireConfirmation: boolean): Decision {
  if (!fact) return refused("never_opted_in");
  const event = { id: fact.event_id, action: fact.action, channel: fact.channel, occurredAt: fact.occurred_at, recordedAt: fact.recorded_at };
  if (fact.state === "opted_out") return { allowed: false, reason: "opted_out", event };
  if (requireConfirmation && fact.opt_in_level !== "confirmed") return { allowed: false, reason: "not_confirmed", event };
  return { allowed: true, reason: "opted_in", event };
}

/** Answers for each digest (null = a number that could not be read), in the order given. */
export async function checkConsents(db: DbOrTx, principal: ApiPrincipal, digests: (string | null)[], categoryKey: string): Promise<Decision[]> {
  const { workspace } = principal;
  const known = [...new Set(digests.filter((d): d is string => d !== null))];
  const found = await findCheckFacts(db, workspace.id, categoryKey, known);
  if (!found) return digests.map(() => refused("unknown_category"));
  if (found.category.retired) return digests.map((d) => (d ? refused("category_retired") : refused("invalid_phone")));
  const facts = new Map(found.facts.map((f) => [f.phone_digest, f]));
  return digests.map((d) => (d ? decide(facts.get(d), found.requireConfirmation) : refused("invalid_phone")));
}

export const checkOne = defineApiRoute({
  name: "consent-checks.one",
  scope: "consents:read",
  async handle({ db, principal, request }) {
    const query = readQuery(request, consentCheckQuerySchema);
    const { digest } = phoneDigestStrict(principal.workspace, query.phone);
    const [decision] = await checkConsents(db, principal, [digest], query.category);
    return json({ phone: query.phone, category: query.category, ...decision! });
  },
});

/**
 * Up to 10,000 numbers in one category. A number that cannot be read is answered `invalid_phone` (not
 * allowed) rather than failing the batch, so one typo does not block a campaign's other recipients.
 */
export const checkMany = defineApiRoute({
  name: "consent-checks.bulk",
  scope: "consents:read",
  async handle({ db, principal, request }) {
    const body = await readJsonBody(request, bulkCheckRequestSchema);
    const digests = body.phones.map((p) => phoneDigestLenient(principal.workspace, p));
    const decisions = await checkConsents(db, principal, digests, body.category);
    return json({ category: body.category, results: decisions.map((d, i) => ({ phone: body.phones[i]!, ...d })) });
  },
});
