import "server-only";
import type { Db } from "../db/client";
import { configCache } from "../db/config-cache";
import { findInboundChannel, type InboundChannel } from "./settings";

/**
 * How long an instance trusts a channel it has read for an inbound webhook: a change to the channel settings,
 * the categories, a form's names for them or the business profile reaches another instance's webhooks within this
 * time (this instance's at once: every dashboard action moves the config epoch). Within it, a STOP or a keyword
 * costs no read of its workspace; the read was a whole round trip of the few a webhook makes.
 */
export const CHANNEL_CACHE_MS = 5_000;

const channels = configCache(
  CHANNEL_CACHE_MS,
  (slug: string) => slug,
  (db: Db, slug: string) => findInboundChannel(db, slug),
);

/** The channel a webhook's URL names, as findInboundChannel reads it, remembered per database handle for CHANNEL_CACHE_MS. */
export function findInboundChannelCached(db: Db, slug: string, options: { fresh?: boolean; now?: number } = {}): Promise<InboundChannel | null> {
  return channels.get(db, slug, options);
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
