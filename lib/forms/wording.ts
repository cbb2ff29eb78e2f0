import type { FormLanguageContent } from "./content";

type CategoryWording = { key: string; label: string; description?: string; example?: string; frequency?: string };

/**
 * The default English wording. Each consent sentence says, in one breath, that the person agrees to receive
 * messages, which kind, from which business, and on WhatsApp: the three things the policy requires be clear.
 */
export function defaultEnglishWording(businessName: string, categories: CategoryWording[]): FormLanguageContent {
  return {
    headline: `Get ${businessName} updates on WhatsApp`,
    benefits: [],
    categories: Object.fromEntries(
      categories.map((c) => [c.key, { label: c.label, description: c.description ?? "", example: c.example ?? "", frequency: c.frequency ?? "" }]),
    ),
    consent: Object.fromEntries(
      categories.map((c) => [c.key, `Yes, I want to receive ${c.label.toLowerCase()} from ${businessName} on WhatsApp.`]),
    ),
    howToStop: `You can stop at any time: reply STOP to ${businessName} on WhatsApp.`,
    submitLabel: "Sign up",
  };
}
