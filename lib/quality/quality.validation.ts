import { z } from "zod";

/** Quality rating levels as WhatsApp Manager shows them; ordered best first. */
export const ratingLevels = ["green", "yellow", "red"] as const;
export type RatingLevel = (typeof ratingLevels)[number];
export const ratingLabels: Record<RatingLevel, string> = { green: "High (green)", yellow: "Medium (yellow)", red: "Low (red)" };

export const ratingAlertLevels = ["yellow", "red", "off"] as const;
export type RatingAlertLevel = (typeof ratingAlertLevels)[number];

export const qualityThresholdsSchema = z.object({
  workspace: z.string(),
  optOutJumpPoints: z.coerce
    .number({ error: "Enter a number of percentage points" })
    .int("Enter a whole number")
    .min(1, "At least 1 point")
    .max(100, "At most 100 points"),
  minOptIns: z.coerce.number({ error: "Enter a number of opt-ins" }).int("Enter a whole number").min(1, "At least 1").max(1_000_000, "At most 1,000,000"),
  ratingAlertLevel: z.enum(ratingAlertLevels, { error: "Choose when to alert on the rating" }),
});
export type QualityThresholds = Omit<z.output<typeof qualityThresholdsSchema>, "workspace">;

/** The alert rules a workspace starts with: 5 points over its previous 28 days, at 20 opt-ins a week, rating at yellow. */
export const defaultThresholds: QualityThresholds = { optOutJumpPoints: 5, minOptIns: 20, ratingAlertLevel: "yellow" };

const messagingLimits = ["", "TIER_50", "TIER_250", "TIER_1K", "TIER_10K", "TIER_100K", "TIER_UNLIMITED"] as const;
export const messagingLimitLabels: Record<string, string> = {
  TIER_50: "50 a day",
  TIER_250: "250 a day",
  TIER_1K: "1,000 a day",
  TIER_10K: "10,000 a day",
  TIER_100K: "100,000 a day",
  TIER_UNLIMITED: "Unlimited",
};

export const ratingEntrySchema = z.object({
  workspace: z.string(),
  rating: z.enum(ratingLevels, { error: "Choose the rating WhatsApp Manager shows" }),
  messagingLimit: z.enum(messagingLimits, { error: "Choose a messaging limit or leave it blank" }),
  observedOn: z.iso
    .date({ error: "Enter the date as YYYY-MM-DD" })
    .refine((d) => new Date(`${d}T00:00:00Z`).getTime() <= Date.now(), "Cannot be in the future"),
  note: z.string().trim().max(500, "At most 500 characters"),
});

export const acknowledgeAlertSchema = z.object({ workspace: z.string(), alertId: z.uuid({ error: "Unknown alert" }) });
