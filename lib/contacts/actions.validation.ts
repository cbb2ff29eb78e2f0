import { z } from "zod";

export const staffVias = ["phone_call", "in_person", "email", "letter", "other"] as const;
export const staffViaLabels: Record<(typeof staffVias)[number], string> = {
  phone_call: "Phone call",
  in_person: "In person",
  email: "Email",
  letter: "Letter",
  other: "Other",
};

const id = z.string().uuid("This contact could not be identified. Reload the page.");

/** A request a person made to staff (by phone, in person…), recorded on their behalf. */
export const recordConsentSchema = z.object({
  workspace: z.string(),
  contactId: id,
  submissionId: z.string().uuid("Reload the page and try again."),
  action: z.enum(["opt_in", "opt_out"], { message: "Choose opt in or opt out." }),
  categories: z.array(z.string().max(64)).min(1, "Choose at least one kind of message.").max(50),
  via: z.enum(staffVias, { message: "Choose how the person asked." }),
  note: z.string().trim().min(3, "Write a short note: who asked, and what they said.").max(2000, "Use at most 2,000 characters."),
});

export const eraseContactSchema = z.object({
  workspace: z.string(),
  contactId: id,
  reason: z.string().trim().min(3, "Say why, e.g. the person's erasure request and its date.").max(1000, "Use at most 1,000 characters."),
  confirm: z.literal("ERASE", { message: "Type ERASE to confirm." }),
});
