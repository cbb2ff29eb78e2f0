import "server-only";
import type { DbOrTx } from "../db/client";
import { wakeWebhookWorker } from "../webhooks/app-worker";
import { startQualityWorker, type QualityWorker } from "./worker";

// On globalThis so that a module reloaded by the dev server does not start a second worker in the same process.
const slot = globalThis as typeof globalThis & { assentQualityWorker?: QualityWorker };

/** Starts this process's quality worker once: rollups, form views and alerts (whose webhooks go out at once). */
export function startAppQualityWorker(db: DbOrTx): void {
  if (slot.assentQualityWorker) return;
  slot.assentQualityWorker = startQualityWorker(db, { onRaised: wakeWebhookWorker });
}
