import type { FormLanguageContent } from "../db/schema/form-content";
import type { FormLanguage } from "./languages";

type Category = { key: string; label: string; description?: string; example?: string; frequency?: string };

/**
 * A starting point when a marketer adds a language: the fixed parts in that language, and consent sentences
 * that already name the business and WhatsApp. Category names and descriptions come from what the workspace's
 * other forms call them in that language (`translated`); where none does, they are left in the workspace's own
 * words, and the policy check refuses to publish a consent sentence that still names a category in the default
 * language, since only the marketer knows the translation.
 */
const templates: Record<
  FormLanguage,
  { headline: (b: string) => string; consent: (label: string, b: string) => string; howToStop: (b: string) => string; submit: string }
> = {
  en: {
    headline: (b) => `Get ${b} updates on WhatsApp`,
    consent: (label, b) => `Yes, I want to receive ${label.toLowerCase()} from ${b} on WhatsApp.`,
    howToStop: (b) => `You can stop at any time: reply STOP to ${b} on WhatsApp.`,
    submit: "Sign up",
  },
  es: {
    headline: (b) => `Recibe novedades de ${b} por WhatsApp`,
    consent: (label, b) => `Sí, quiero recibir ${label.toLowerCase()} de ${b} por WhatsApp.`,
    howToStop: (b) => `Puedes darte de baja cuando quieras: responde STOP a ${b} en WhatsApp.`,
    submit: "Suscribirme",
  },
  "pt-BR": {
    headline: (b) => `Receba novidades da ${b} pelo WhatsApp`,
    consent: (label, b) => `Sim, quero receber ${label.toLowerCase()} da ${b} pelo WhatsApp.`,
    howToStop: (b) => `Você pode parar quando quiser: responda PARAR ou STOP para a ${b} no WhatsApp.`,
    submit: "Quero receber",
  },
  hi: {
    headline: (b) => `WhatsApp पर ${b} से अपडेट पाएँ`,
    consent: (label, b) => `हाँ, मैं WhatsApp पर ${b} से ${label} पाना चाहता/चाहती हूँ।`,
    howToStop: (b) => `आप कभी भी रोक सकते हैं: WhatsApp पर ${b} को STOP लिखकर भेजें।`,
    submit: "साइन अप करें",
  },
  id: {
    headline: (b) => `Dapatkan kabar dari ${b} di WhatsApp`,
    consent: (label, b) => `Ya, saya ingin menerima ${label.toLowerCase()} dari ${b} di WhatsApp.`,
    howToStop: (b) => `Anda dapat berhenti kapan saja: balas STOP ke ${b} di WhatsApp.`,
    submit: "Daftar",
  },
};

export function starterWording(
  language: FormLanguage,
  businessName: string,
  workspaceCategories: Category[],
  translated: Record<string, Required<Omit<Category, "key">>> = {},
): FormLanguageContent {
  const t = templates[language];
  const categories = workspaceCategories.map((c) => ({ ...c, ...translated[c.key] }));
  return {
    headline: t.headline(businessName),
    intro: "",
    benefits: [],
    consent: Object.fromEntries(categories.map((c) => [c.key, t.consent(c.label, businessName)])),
    categories: Object.fromEntries(
      categories.map((c) => [c.key, { label: c.label, description: c.description ?? "", example: c.example ?? "", frequency: c.frequency ?? "" }]),
    ),
    howToStop: t.howToStop(businessName),
    submitLabel: t.submit,
  };
}
