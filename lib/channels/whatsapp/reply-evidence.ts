import "server-only";
import { createHash } from "node:crypto";
import type { DbOrTx } from "../../db/client";
import { keywordReplyEvidence } from "../../db/schema/channels";

/**
 * The Cloud API accepted a reply: kept against the inbound message it answers, with the provider's message id
 * and the digest of the exact text. A redelivery never sends a second reply (the message is claimed once), so
 * the first acceptance is the one kept.
 */
export async function recordReplyAccepted(db: DbOrTx, workspaceId: string, inboundMessageId: string, providerMessageId: string, text: string): Promise<void> {
  await db
    .insert(keywordReplyEvidence)
    .values({
      workspaceId,
      inboundMessageId: inboundMessageId.slice(0, 500),
      provider: "whatsapp_cloud_api",
      providerMessageId: providerMessageId.slice(0, 500),
      textSha256: createHash("sha256").update(text, "utf8").digest("hex"),
    })
    .onConflictDoNothing();
}
