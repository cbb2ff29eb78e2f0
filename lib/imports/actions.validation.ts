import { z } from "zod";

export const startImportSchema = z.object({
  workspace: z.string(),
  jobId: z.string().uuid("This import could not be identified. Reload the page."),
});
