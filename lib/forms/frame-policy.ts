import "server-only";
import { getDb } from "../server/app-database";
import { findFormEmbedDomains } from "./embed-domains.queries";
import { registerFrameAncestorsLookup } from "./frame-policy-bridge";

/**
 * Every hosted-page request (and each server action post) asks which sites may frame the form; a short-lived
 * cache keeps that from costing a query each time. A change in the builder takes effect within TTL_MS, on
 * every instance, since nothing needs invalidating.
 */
const TTL_MS = 30_000;
const MAX_ENTRIES = 2_000;
const cache = new Map<string, { domains: readonly string[]; until: number }>();

export async function cachedFrameAncestors(workspaceSlug: string, formSlug: string, now = Date.now()): Promise<readonly string[]> {
  const key = `${workspaceSlug}\u0000${formSlug}`;
  const hit = cache.get(key);
  if (hit && hit.until > now) return hit.domains;
  const domains = await findFormEmbedDomains(await getDb(), workspaceSlug, formSlug);
  // Unknown slugs are cached too (as none), so probing random addresses cannot turn into a query storm; the cap
  // bounds memory against the same probing.
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, { domains, until: now + TTL_MS });
  return domains;
}

export function registerFramePolicy(): void {
  registerFrameAncestorsLookup(cachedFrameAncestors);
}
