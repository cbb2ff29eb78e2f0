import type { FormLanguageContent } from "../db/schema/form-content";
import { starterWording } from "./wording-templates";

type CategoryWording = { key: string; label: string; description?: string; example?: string; frequency?: string };

/**
 * The default English wording. Each consent sentence says, in one breath, that the person agrees to receive
 * messages, which kind, from which business, and on WhatsApp: the three things the policy requires be clear.
 */
export function defaultEnglishWording(businessName: string, categories: CategoryWording[]): FormLanguageContent {
  const { intro: _, ...wording } = starterWording("en", businessName, categories);
  return wording;
}
