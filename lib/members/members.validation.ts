import { z } from "zod";
import { roles } from "../auth/roles";

const email = z.string().trim().toLowerCase().min(1, "Enter an email address.").max(320).email("Enter a valid email address.");
const role = z.enum(roles, { message: "Choose a role." });
const userId = z.string().uuid("Reload the page and try again.");

export const inviteMemberSchema = z.object({ workspace: z.string(), email, role });
export const changeRoleSchema = z.object({ workspace: z.string(), userId, role });
export const memberSchema = z.object({ workspace: z.string(), userId });
export const revokeInvitationSchema = z.object({ workspace: z.string(), invitationId: z.string().uuid() });
export const forgotPasswordSchema = z.object({ email });

export const newPasswordSchema = z
  .object({
    password: z.string().min(12, "Use at least 12 characters.").max(200, "Use at most 200 characters."),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords differ." });

export const acceptInvitationSchema = z.intersection(
  z.object({ token: z.string().max(100), name: z.string().trim().min(1, "Enter your name.").max(200) }),
  newPasswordSchema,
);

export const roleDescriptions = {
  owner: "Everything, including other owners.",
  admin: "Settings, members and API keys; everything compliance can do.",
  marketer: "Forms and quality; browses contacts, but cannot export or erase.",
  compliance: "Contacts, evidence, records made on someone's behalf, erasure, exports and the audit log.",
  viewer: "Reads contacts, opt-outs and evidence; changes nothing.",
} as const;
