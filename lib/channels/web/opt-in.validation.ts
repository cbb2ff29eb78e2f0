import { z } from "zod";

/** The hosted form's fields as posted. Shared by the server action and the form's error display. */
export const webOptInSchema = z.object({
  submissionId: z.string().uuid("reload the page and try again"),
  country: z.string().regex(/^[A-Z]{2}$/, "choose a country"),
  phone: z.string().max(64, "this phone number is too long"),
  name: z.string().trim().max(200, "use at most 200 characters").optional(),
  categories: z.array(z.string().max(64)).min(1, "choose at least one kind of message").max(50),
  language: z.string().min(2).max(16),
});

export type WebOptInInput = z.infer<typeof webOptInSchema>;

export type OptInFormState = {
  message?: string;
  fields: Partial<Record<"phone" | "categories" | "name" | "country" | "form", string>>;
  values: { phone: string; country: string; name: string; categories: string[] };
};
