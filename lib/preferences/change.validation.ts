import { z } from "zod";

/** One submit of the preference centre: a plain form posts these fields (the choice as "change"); no JavaScript needed. */
export const preferenceChangeSchema = z.object({
  submissionId: z.string().uuid(),
  language: z.string().min(2).max(16),
  action: z.enum(["opt_out", "opt_in", "opt_out_all"]),
  category: z.string().min(1).max(64).optional(),
});

export type PreferenceChangeInput = z.infer<typeof preferenceChangeSchema>;

/** What the page says after a submit; carried in the redirect's query string, so only these codes. */
export const preferenceNotices = ["saved", "stopped", "nothing", "stale", "too_many", "invalid"] as const;
export type PreferenceNotice = (typeof preferenceNotices)[number];
