import { z } from "zod";
import { plainText } from "../validation/plain-text";

/** WhatsApp's template categories: what kind of message a category's templates are approved as. */
export const templateCategories = {
  marketing: { label: "Marketing", hint: "Offers, announcements, recommendations, re-engagement." },
  utility: { label: "Utility", hint: "Updates about something the person asked for: orders, bookings, accounts." },
  authentication: { label: "Authentication", hint: "One-time passcodes for signing in or verifying." },
} as const;
export type TemplateCategory = keyof typeof templateCategories;

const categoryId = z.string().uuid("Reload the page and try again.");

/** What people read on hosted forms; editable, since the ledger refers to a category by its key, not its wording. */
const wording = {
  label: plainText("Name the kind of message, e.g. Order updates.", 60),
  description: plainText("Say what these messages are about.", 300),
  example: plainText("Give one example message, so people know what to expect.", 500),
  frequency: plainText("Say how often, e.g. Up to 2 a month.", 60),
};

export const createCategorySchema = z.object({
  workspace: z.string(),
  key: z
    .string()
    .trim()
    .min(2, "Use at least 2 characters.")
    .max(64, "Use at most 64 characters.")
    .regex(/^[a-z0-9_]+$/, "Use only lower-case letters (a–z), digits and underscores, e.g. order_updates."),
  ...wording,
  templateCategory: z.enum(Object.keys(templateCategories) as [TemplateCategory, ...TemplateCategory[]], { message: "Choose a WhatsApp template category." }),
});

export const updateCategorySchema = z.object({ workspace: z.string(), categoryId, ...wording });
export const categoryRefSchema = z.object({ workspace: z.string(), categoryId });
