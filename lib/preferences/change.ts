import "server-only";
import type { Db } from "../db/client";
import { findPreferenceCentre, preferenceLanguages } from "./queries";
import { AppError, ConflictError } from "../errors";
import { consentSentenceIn } from "../forms/localized";
import { append } from "../ledger/append";
import { hitRateLimit } from "../rate-limit/limit";
import type { RequestMeta } from "../server/request-meta";
import { preferenceChangeSchema, type PreferenceNotice } from "./change.validation";
import { hashPreferenceToken, looksLikePreferenceToken, markPreferenceLinkUsed } from "./tokens";

const perIp = { name: "preferences-ip", limit: 60, windowSeconds: 600 };
const perToken = { name: "preferences-token", limit: 20, windowSeconds: 600 };

export type PreferenceChangeResult = { found: false } | { found: true; notice: PreferenceNotice };

function readFields(data: FormData) {
  const text = (key: string) => {
    const v = data.get(key);
    return typeof v === "string" && v !== "" ? v : undefined;
  };
  return { submissionId: text("submissionId"), language: text("language"), action: text("change"), category: text("category") };
}

/**
 * One change from the preference centre, through the ledger like every other: rate limits first (per network,
 * then per link), then the link, then validation, then ONE append with channel "web", the person as actor, the
 * page as evidence and the render's submission id as idempotency key (a double submit records once).
 * Opting in again needs the exact sentence of the contact's last form version in the language shown; opting
 * out is always possible. The evidence names the link by its id, never the token: a token is a credential and
 * the ledger is exported.
 */
export async function changePreferences(db: Db, token: string, data: FormData, meta: RequestMeta, baseUrl: string): Promise<PreferenceChangeResult> {
  if (!(await hitRateLimit(db, perIp, meta.ip ?? "unknown")).allowed) return { found: true, notice: "too_many" };
  if (!looksLikePreferenceToken(token)) return { found: false };
  if (!(await hitRateLimit(db, perToken, hashPreferenceToken(token))).allowed) return { found: true, notice: "too_many" };
  const centre = await findPreferenceCentre(db, token);
  if (!centre) return { found: false };

  const parsed = preferenceChangeSchema.safeParse(readFields(data));
  if (!parsed.success) return { found: true, notice: "invalid" };
  const input = parsed.data;
  if (!preferenceLanguages(centre).includes(input.language)) return { found: true, notice: "invalid" };

  const shown = new Map(centre.categories.map((c) => [c.key, c]));
  let categories: string[];
  let formVersionId: string | undefined;
  if (input.action === "opt_out_all") {
    categories = centre.categories.filter((c) => c.state === "opted_in").map((c) => c.key);
    if (categories.length === 0) return { found: true, notice: "nothing" };
  } else {
    const category = input.category ? shown.get(input.category) : undefined;
    if (!category) return { found: true, notice: "invalid" };
    if (input.action === "opt_in") {
      if (category.retiredAt || !consentSentenceIn(centre.version?.content, input.language, category.key)) return { found: true, notice: "invalid" };
      formVersionId = centre.version!.id;
    }
    categories = [category.key];
  }

  try {
    await append(db, {
      workspaceId: centre.workspace.id,
      phone: centre.phone,
      categories,
      action: input.action === "opt_in" ? "opt_in" : "opt_out",
      channel: "web",
      formVersionId,
      language: input.language,
      evidence: { pageUrl: `${baseUrl}/p/link#${centre.link.id}` },
      network: { ip: meta.ip ?? "unknown", userAgent: meta.userAgent ?? "unknown" },
      actor: { type: "person" },
      idempotencyKey: `preferences:${input.submissionId}`,
    });
  } catch (error) {
    // The same render's id sent again with another choice (a back button without JavaScript): show the truth.
    if (error instanceof ConflictError) return { found: true, notice: "stale" };
    if (error instanceof AppError) return { found: true, notice: "invalid" };
    throw error;
  }
  await markPreferenceLinkUsed(db, centre.link.id);
  return { found: true, notice: input.action === "opt_in" ? "saved" : "stopped" };
}
