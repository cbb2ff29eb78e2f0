import { isSupportedCountry } from "libphonenumber-js/max";
import { z } from "zod";
import { newWorkspaceFields } from "../setup/first-run.validation";

/** At most this many workspaces may one account own: creating them is self-service, so it is capped. */
export const MAX_OWNED_WORKSPACES = 10;

/**
 * The dashboard's "New workspace" form: the same names and address as /setup and `workspace:create`, and the
 * country a number typed without +country code is read in. `workspace` is the one the form is opened from,
 * where the caller must be an owner.
 */
export const newWorkspaceSchema = z.object({
  workspace: z.string(),
  ...newWorkspaceFields,
  defaultCountry: z
    .string()
    .trim()
    .toUpperCase()
    .refine((v) => /^[A-Z]{2}$/.test(v) && isSupportedCountry(v), "Choose a country from the list."),
});
