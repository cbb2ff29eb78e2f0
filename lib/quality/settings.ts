import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { qualitySettings } from "../db/schema/quality";
import { defaultThresholds, type QualityThresholds, type RatingAlertLevel } from "./quality.validation";

export async function readThresholds(db: DbOrTx, workspaceId: string): Promise<QualityThresholds> {
  const [row] = await db.select().from(qualitySettings).where(eq(qualitySettings.workspaceId, workspaceId));
  if (!row) return defaultThresholds;
  return { optOutJumpPoints: row.optOutJumpPoints, minOptIns: row.minOptIns, ratingAlertLevel: row.ratingAlertLevel as RatingAlertLevel };
}
