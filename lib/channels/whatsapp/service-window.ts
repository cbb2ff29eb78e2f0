import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { personalDigest } from "../../ledger/canonical";
import { normalizePhone, PhoneError } from "../../phone/normalize";
import type { InboundIdentity } from "../inbound-consent";
import type { InboundChannel } from "../settings";

/**
 * The statement that notes the person wrote to this business number at `at` (run alone, or as a CTE body beside
 * others; null when the sender has no digest), under the number's digest and the BSUID's (so a
 * check by either finds it), in one statement. Any message counts, whatever its kind: the window is opened by
 * the person writing, not by what they wrote. A redelivery or a late, older message never moves the time back,
 * and a time in the future (a sender's clock) is taken as now, so a window cannot be held open past 24 hours.
 */
export function serviceWindowUpsert(channel: InboundChannel, identity: InboundIdentity, businessNumber: string, at: Date): SQL | null {
  const digests = [phoneDigest(channel, identity.phone), personalDigest(channel.ledgerSalt, "bsuid", identity.bsuid)].filter((d): d is string => d !== null);
  if (digests.length === 0) return null;
  const rows = digests.map((d) => sql`(${channel.workspaceId}::uuid, ${d}, ${businessNumber}, least(${at.toISOString()}::timestamptz, now()))`);
  return sql`insert into service_windows (workspace_id, subject_digest, business_number, last_inbound_at) values ${sql.join(rows, sql`, `)}
      on conflict (workspace_id, subject_digest, business_number)
      do update set last_inbound_at = greatest(service_windows.last_inbound_at, excluded.last_inbound_at)`;
}

/** As the ledger digests it (contacts.phone_digest); a number that cannot be normalised has no window by number. */
export function phoneDigest(channel: Pick<InboundChannel, "ledgerSalt" | "defaultCountry">, phone: string | undefined): string | null {
  if (!phone) return null;
  try {
    return personalDigest(channel.ledgerSalt, "phone", normalizePhone(phone, channel.defaultCountry));
  } catch (error) {
    if (error instanceof PhoneError) return null;
    throw error;
  }
}
