import "server-only";
import type { Db } from "../db/client";
import { configEpoch } from "../db/config-epoch";
import { findInboundChannel, type InboundChannel } from "./settings";

/**
 * How long an instance trusts a channel it has read for an inbound webhook: a change to the channel settings,
 * the categories, a form's names for them or the business profile reaches another instance's webhooks within this
 * time (this instance's at once: every dashboard action moves the config epoch). Within it, a STOP or a keyword
 * costs no read of its workspace; the read was a whole round trip of the few a webhook makes.
 */
export const CHANNEL_CACHE_MS = 5_000;

type Entry = { channel: InboundChannel; expires: number; epoch: number };
const caches = new WeakMap<Db, Map<string, Entry>>();

/** The channel a webhook's URL names, as findInboundChannel reads it, remembered per database handle for CHANNEL_CACHE_MS. */
export async function findInboundChannelCached(db: Db, slug: string, options: { fresh?: boolean; now?: number } = {}): Promise<InboundChannel | null> {
  const { fresh = false, now = Date.now() } = options;
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const epoch = configEpoch(db);
  const hit = cache.get(slug);
  if (!fresh && hit && hit.expires > now && hit.epoch === epoch) return hit.channel;
  const channel = await findInboundChannel(db, slug);
  // An unknown workspace is not remembered: a new one answers at once, and junk slugs cannot fill the map.
  if (!channel) return null;
  if (cache.size >= 10_000) cache.clear();
  cache.set(slug, { channel, expires: now + CHANNEL_CACHE_MS, epoch });
  return channel;
}

/**
 * The channel whose secret verifies a signed request. A request that fails against a remembered channel is checked
 * once more against a fresh read, so a secret or token just rotated on another instance is honoured at once
 * rather than refused for CHANNEL_CACHE_MS (a refusal would send Meta or Twilio into retries).
 */
export async function findVerifiedChannel(db: Db, slug: string, verifies: (channel: InboundChannel) => boolean): Promise<InboundChannel | null> {
  const remembered = await findInboundChannelCached(db, slug);
  if (!remembered) return null;
  if (verifies(remembered)) return remembered;
  const fresh = await findInboundChannelCached(db, slug, { fresh: true });
  return fresh && verifies(fresh) ? fresh : null;
}
