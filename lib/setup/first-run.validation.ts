import { z } from "zod";
import { newPasswordSchema } from "../members/members.validation";

/** A new workspace's names and address, as /setup and `workspace:create` both take them. */
export const newWorkspaceFields = {
  businessName: z.string().trim().min(1, "Enter the business name people know you by.").max(120),
  legalName: z.string().trim().max(200).optional(),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, "Use 1–40 lower-case letters, digits and dashes, e.g. acme-coffee."),
};

export const firstRunSchema = z.intersection(
  z.object({
    ...newWorkspaceFields,
    name: z.string().trim().min(1, "Enter your name.").max(200),
    email: z.string().trim().toLowerCase().email("Enter a valid email address.").max(320),
  }),
  newPasswordSchema,
);
