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

/**
 * How far back a staff entry may be dated. Requests reach staff by phone, post or a shared inbox and are typed in
 * within days; an older date is far likelier a mistyped year than a real request, and consent dated months back
 * would rewrite what the person's state was when messages were already sent. 90 days also matches the longest
 * range of the Overview, so a late entry still counts in a chart someone can see.
 */
export const staffEntryMaxAgeDays = 90;
// The staff member's clock may run a little ahead of the server's; the ledger allows the same (validate-command.ts).
const clockSkewMs = 5 * 60_000;

/** When the person asked, as a UTC (or offset) ISO time the browser converts from the staff member's own zone. */
export const askedAtSchema = z.iso
  .datetime({ offset: true, error: "Enter the date and time the person asked." })
  .transform((value) => new Date(value))
  .refine((at) => at.getTime() <= Date.now() + clockSkewMs, "This is in the future. Enter when the person asked, no later than now.")
  .refine(
    (at) => at.getTime() >= Date.now() - staffEntryMaxAgeDays * 86_400_000,
    `This is more than ${staffEntryMaxAgeDays} days ago: check the date. Staff entries can be dated at most ${staffEntryMaxAgeDays} days back.`,
  );

/** A request a person made to staff (by phone, in person…), recorded on their behalf. */
export const recordConsentSchema = z.object({
  workspace: z.string(),
  contactId: id,
  submissionId: z.string().uuid("Reload the page and try again."),
  action: z.enum(["opt_in", "opt_out"], { message: "Choose opt in or opt out." }),
  categories: z.array(z.string().max(64)).min(1, "Choose at least one kind of message.").max(50),
  via: z.enum(staffVias, { message: "Choose how the person asked." }),
  occurredAt: askedAtSchema,
  note: z.string().trim().min(3, "Write a short note: who asked, and what they said.").max(2000, "Use at most 2,000 characters."),
});

export const eraseContactSchema = z.object({
  workspace: z.string(),
  contactId: id,
  reason: z.string().trim().min(3, "Say why, e.g. the person's erasure request and its date.").max(1000, "Use at most 1,000 characters."),
  confirm: z.literal("ERASE", { message: "Type ERASE to confirm." }),
});
