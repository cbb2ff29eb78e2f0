import { describe, expect, it } from "vitest";
import type { FormVersionContent } from "../db/schema/form-content";
import { checkFormPolicy, publishBlockers } from "./policy";
import { defaultEnglishWording } from "./wording";
import { starterWording } from "./wording-templates";
import { translationDrift } from "./translation-drift";
import { categoryTranslations } from "../categories/translated-names";

const categories = [
  { key: "orders", label: "Order updates" },
  { key: "offers", label: "Offers" },
];
const ctx = { businessName: "Acme Coffee", categories };

function content(overrides: Partial<FormVersionContent> = {}): FormVersionContent {
  return {
    businessName: "Acme Coffee",
    privacyPolicyUrl: "https://acme.example/privacy",
    defaultLanguage: "en",
    categoryKeys: ["orders", "offers"],
    askConfirmation: false,
    languages: { en: { ...defaultEnglishWording("Acme Coffee", categories), benefits: ["Early offers"] } },
    ...overrides,
  };
}

const failing = (c: FormVersionContent, business = ctx) =>
  checkFormPolicy(c, business)
    .filter((x) => !x.passed)
    .map((x) => x.id);

describe("the WhatsApp opt-in policy check", () => {
  it("passes the default wording with a privacy link and a benefit", () => {
    expect(failing(content())).toEqual([]);
  });

  it("says which sentence does not name the business, or WhatsApp", () => {
    const c = content();
    c.languages.en!.consent.offers = "Yes, send me offers on WhatsApp.";
    c.languages.en!.consent.orders = "Yes, Acme Coffee may text me order updates.";
    const checks = checkFormPolicy(c, ctx);
    expect(checks.find((x) => x.id === "business-name")!.problems).toEqual(["English, Offers: the consent sentence does not name Acme Coffee."]);
    expect(checks.find((x) => x.id === "whatsapp-named")!.problems).toEqual(["English, Order updates: the consent sentence does not say WhatsApp."]);
    expect(publishBlockers(checks).map((x) => x.id)).toEqual(["business-name", "whatsapp-named"]);
  });

  it("fails while the workspace has no business name", () => {
    expect(failing(content(), { ...ctx, businessName: " " })).toContain("business-name");
  });

  it("wants separate sentences, how to stop, a privacy link and complete languages; benefits only warn", () => {
    const c = content({ privacyPolicyUrl: null });
    c.languages.en!.consent.offers = c.languages.en!.consent.orders!;
    c.languages.en!.howToStop = " ";
    c.languages.en!.benefits = [];
    c.languages.es = { ...c.languages.en!, headline: "", consent: { orders: "Sí, quiero recibir pedidos de Acme Coffee por WhatsApp.", offers: "" } };
    const checks = checkFormPolicy(c, ctx);
    expect(failing(c)).toEqual(["categories-separate", "opt-out", "privacy-link", "languages-complete", "translated", "benefits"]);
    expect(checks.find((x) => x.id === "languages-complete")!.problems).toEqual([
      "Español: the headline is empty.",
      "Español: the consent sentence for offers is empty.",
    ]);
    expect(publishBlockers(checks).map((x) => x.id)).not.toContain("benefits");
  });

  it("accepts WhatsApp written in Devanagari", () => {
    const c = content();
    c.languages.hi = {
      ...c.languages.en!,
      consent: { orders: "हाँ, मुझे Acme Coffee से व्हाट्सएप पर ऑर्डर अपडेट चाहिए।", offers: "हाँ, मुझे Acme Coffee से WhatsApp पर ऑफ़र चाहिए।" },
    };
    expect(publishBlockers(checkFormPolicy(c, ctx))).toEqual([]);
    // The copied English headline and category texts are only advice, and say where.
    expect(checkFormPolicy(c, ctx).find((x) => x.id === "translated")!.problems).toEqual([
      "हिन्दी: the headline, orders (label), offers (label) still read as in English.",
    ]);
  });
});

describe("a consent sentence must be wholly in its own language", () => {
  const withSpanish = (orders: string, offers: string, labels = { orders: "Novedades de pedidos", offers: "Ofertas" }) => {
    const c = content();
    c.languages.es = {
      ...c.languages.en!,
      headline: "Novedades de Acme Coffee",
      categories: {
        orders: { ...c.languages.en!.categories!.orders!, label: labels.orders },
        offers: { ...c.languages.en!.categories!.offers!, label: labels.offers },
      },
      consent: { orders, offers },
    };
    return c;
  };
  const problems = (c: FormVersionContent) => checkFormPolicy(c, ctx).find((x) => x.id === "consent-in-language")!;

  it("refuses to publish a Spanish sentence that still names a category in English, and says where", () => {
    const c = withSpanish("Sí, quiero recibir order updates de Acme Coffee por WhatsApp.", "Sí, quiero recibir ofertas de Acme Coffee por WhatsApp.");
    expect(problems(c)).toMatchObject({ passed: false, severity: "required" });
    expect(problems(c).problems).toEqual(['Español, Order updates: the consent sentence still says "order updates" in English; write it in Español.']);
    expect(publishBlockers(checkFormPolicy(c, ctx)).map((x) => x.id)).toContain("consent-in-language");
  });

  it("counts a name left untranslated in the label too: that is the starter as the builder gives it", () => {
    const c = withSpanish("Sí, quiero recibir order updates de Acme Coffee por WhatsApp.", "Sí, quiero recibir ofertas de Acme Coffee por WhatsApp.", {
      orders: "Order updates",
      offers: "Ofertas",
    });
    expect(problems(c).passed).toBe(false);
  });

  it("refuses the default language's sentence copied word for word", () => {
    const c = content();
    c.languages.es = { ...c.languages.en! };
    expect(problems(c).problems).toEqual([
      "Español, Order updates: the consent sentence is still the English one; write it in Español.",
      "Español, Offers: the consent sentence is still the English one; write it in Español.",
    ]);
  });

  it("passes a translated sentence, and is not fooled by a name inside a longer word or by the business's own name", () => {
    expect(
      problems(withSpanish("Sí, quiero recibir novedades de pedidos de Acme Coffee por WhatsApp.", "Sí, quiero recibir ofertas de Acme Coffee por WhatsApp."))
        .passed,
    ).toBe(true);
    // "Offers" is not found inside "offerseason"; a category named like the business does not count.
    const c = withSpanish(
      "Sí, quiero recibir novedades de pedidos de Acme Coffee por WhatsApp.",
      "Sí, quiero recibir la offerseason de Acme Coffee por WhatsApp.",
    );
    expect(problems(c).passed).toBe(true);
    expect(
      checkFormPolicy(c, { ...ctx, categories: [{ key: "orders", label: "Acme Coffee" }, categories[1]!] }).find((x) => x.id === "consent-in-language")!.passed,
    ).toBe(true);
  });
});

describe("a language added to a form starts from the workspace's own translations", () => {
  it("takes the names another form gives the categories in that language, newest form first, and then passes the check", () => {
    const older = {
      es: { ...starterWording("es", "Acme Coffee", categories), categories: { offers: { label: "Promos", description: "", example: "", frequency: "" } } },
    };
    const newer = {
      es: {
        ...starterWording("es", "Acme Coffee", categories),
        categories: {
          orders: { label: "Novedades de pedidos", description: "Avisos de tus pedidos.", example: "", frequency: "Solo cuando pides" },
          offers: { label: "Ofertas", description: "", example: "", frequency: "Hasta 2 al mes" },
        },
      },
    };
    const translations = categoryTranslations([newer, older]);
    expect(translations.es!.offers!.label).toBe("Ofertas");
    const es = starterWording(
      "es",
      "Acme Coffee",
      categories.map((c) => ({ ...c })),
      translations.es,
    );
    expect(es.consent.orders).toBe("Sí, quiero recibir novedades de pedidos de Acme Coffee por WhatsApp.");
    expect(es.categories!.orders).toMatchObject({ label: "Novedades de pedidos", frequency: "Solo cuando pides" });
    const c = content();
    c.languages.es = es;
    expect(checkFormPolicy(c, ctx).find((x) => x.id === "consent-in-language")!.passed).toBe(true);
    // Without a translation the starter names the category as the workspace does, and the check stops it.
    c.languages.es = starterWording("es", "Acme Coffee", categories);
    expect(checkFormPolicy(c, ctx).find((x) => x.id === "consent-in-language")!.passed).toBe(false);
  });
});

describe("languages that drift apart are flagged", () => {
  const live = () => {
    const c = content();
    c.languages.es = {
      ...starterWording("es", "Acme Coffee", [
        { key: "orders", label: "Novedades de pedidos", frequency: "Solo cuando pides" },
        { key: "offers", label: "Ofertas", frequency: "Hasta 2 al mes" },
      ]),
      benefits: ["Ofertas antes que nadie"],
    };
    c.languages.en!.categories!.offers!.frequency = "Up to 2 a month";
    return c;
  };
  const drift = (draft: FormVersionContent) =>
    checkFormPolicy(draft, { ...ctx, live: { version: 3, content: live() } }).find((x) => x.id === "translations-in-step")!;

  it("names the Spanish field left as it was after the English one changed, until it is edited too", () => {
    const draft = live();
    expect(drift(draft).passed).toBe(true);
    draft.languages.en!.categories!.offers!.frequency = "Up to 4 a month";
    expect(drift(draft)).toMatchObject({ passed: false, severity: "warning" });
    expect(drift(draft).problems).toEqual(["Español, Offers › how often: changed in English since version 3; check the translation."]);
    // Not a blocker: the marketer may know the Spanish is right.
    expect(publishBlockers(checkFormPolicy(draft, { ...ctx, live: { version: 3, content: live() } })).map((x) => x.id)).not.toContain("translations-in-step");
    draft.languages.es!.categories!.offers!.frequency = "Hasta 4 al mes";
    expect(drift(draft).passed).toBe(true);
  });

  it("says nothing for a language added since the live version, or without a live version", () => {
    const draft = live();
    draft.languages.en!.headline = "New headline";
    draft.languages.hi = starterWording("hi", "Acme Coffee", categories);
    expect(translationDrift(live(), draft)).toEqual([{ language: "es", field: "headline", changedIn: ["en"] }]);
    expect(checkFormPolicy(draft, ctx).find((x) => x.id === "translations-in-step")!.passed).toBe(true);
  });
});
