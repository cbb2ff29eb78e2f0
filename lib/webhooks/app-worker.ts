import "server-only";
import type { DbOrTx } from "../db/client";
import { env } from "../env";
import { startWebhookWorker, type WebhookWorker } from "./worker";

// On globalThis so that a module reloaded by the dev server does not start a second worker in the same process.
const slot = globalThis as typeof globalThis & { assentWebhookWorker?: WebhookWorker };

/** Starts this process's delivery worker once, unless WEBHOOK_WORKER=off. */
export function startAppWebhookWorker(db: DbOrTx): void {
  if (slot.assentWebhookWorker || env().WEBHOOK_WORKER === "off") return;
  slot.assentWebhookWorker = startWebhookWorker(db);
}

/** Delivers now rather than at the next poll: after a test event or a redelivery someone is watching for. */
export function wakeWebhookWorker(): void {
  slot.assentWebhookWorker?.wake();
}
