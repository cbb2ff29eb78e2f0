"use server";
import type { OptInFormState } from "@/lib/channels/web/opt-in.validation";

/** The preview's submit button: says plainly that a preview records nothing, and does nothing. */
export async function previewSubmit(previous: OptInFormState): Promise<OptInFormState> {
  return { ...previous, message: "This is a preview: nothing was recorded.", fields: { form: "This is a preview: nothing was recorded." } };
}
