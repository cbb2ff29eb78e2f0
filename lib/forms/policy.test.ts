import { describe, expect, it } from "vitest";
import type { FormVersionContent } from "../db/schema/form-content";
import { checkFormPolicy, publishBlockers } from "./policy";
import { defaultEnglishWording } from "./wording";
import { starterWording } from "./wording-templates";
import { translationDrift, unconfirmedDrift } from "./translation-drift";
import { categoryTranslations } from "../categories/translated-names";

const categories = [
  { key: "orders", label: "Order updates" },
  { key: "offers", label: "Offers" },
];
const ctx = { businessName: "Acme Coffee", categories };

function content(overrides: Partial<FormVersionContent> = {}): FormVersionContent {
  return {
    businessName: "Acme Coffee",
    privacyPolicyUrl: "https://acme-coffee.shop/privacy",
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
    expect(translationDrift(live(), draft)).toEqual([{ language: "es", field: "headline", changedIn: ["en"], key: expect.any(String), confirmed: false }]);
    expect(checkFormPolicy(draft, ctx).find((x) => x.id === "translations-in-step")!.passed).toBe(true);
  });
});

describe("a flagged translation confirmed as still right", () => {
  const live = () => {
    const c = content();
    c.languages.es = { ...starterWording("es", "Acme Coffee", categories), benefits: ["Ofertas antes que nadie"] };
    return c;
  };
  const inStep = (draft: FormVersionContent, confirmed: string[]) =>
    checkFormPolicy(draft, { ...ctx, live: { version: 2, content: live() }, translationChecks: confirmed }).find((x) => x.id === "translations-in-step")!;

  it("stops being warned about once confirmed, and is flagged again when the changed wording changes once more", () => {
    const draft = live();
    draft.languages.en!.headline = "Fresh coffee news on WhatsApp";
    const [flag] = translationDrift(live(), draft);
    expect(flag).toMatchObject({ language: "es", field: "headline", confirmed: false });
    expect(inStep(draft, []).passed).toBe(false);
    // Confirmed: gone from the warnings, still listed (as confirmed) for the builder and the versions page.
    expect(inStep(draft, [flag!.key]).passed).toBe(true);
    expect(translationDrift(live(), draft, [flag!.key])).toEqual([{ ...flag, confirmed: true }]);
    expect(unconfirmedDrift(live(), draft, [flag!.key])).toEqual([]);
    // The English changes again: the old confirmation was for other wording, so Spanish is flagged again.
    draft.languages.en!.headline = "Fresh coffee news, now on WhatsApp";
    expect(inStep(draft, [flag!.key]).passed).toBe(false);
    expect(translationDrift(live(), draft, [flag!.key])[0]).toMatchObject({ language: "es", field: "headline", confirmed: false });
    expect(translationDrift(live(), draft, [flag!.key])[0]!.key).not.toBe(flag!.key);
  });

  it("holds for its own language and field only", () => {
    const draft = live();
    draft.languages.en!.headline = "Fresh coffee news on WhatsApp";
    draft.languages.en!.howToStop = "Reply STOP at any time to stop.";
    const flags = translationDrift(live(), draft);
    expect(flags.map((d) => d.field)).toEqual(["headline", "howToStop"]);
    expect(unconfirmedDrift(live(), draft, [flags[0]!.key]).map((d) => d.field)).toEqual(["howToStop"]);
  });
});

describe("placeholders left in a form are warned about", () => {
  const placeholders = (c: FormVersionContent, whatsappNumber: string | null = "+442079460999") =>
    checkFormPolicy(c, { ...ctx, whatsappNumber }).find((x) => x.id === "placeholders")!;

  it("passes real wording, a real number and a real privacy link", () => {
    expect(placeholders(content(), "+12025550199").passed).toBe(false);
    expect(placeholders(content(), "+12015551234")).toMatchObject({ passed: true, severity: "warning" });
    expect(placeholders(content(), null).passed).toBe(true);
  });

  it("names the fictional number, the example.com link and filler text, with where and what to do", () => {
    const c = content({ privacyPolicyUrl: "https://www.example.com/privacy" });
    c.languages.en!.intro = "Lorem ipsum dolor sit amet.";
    c.languages.en!.howToStop = "Reply STOP to +1 (415) 555-0100 at any time.";
    c.languages.en!.headline = "Get [Business name] news";
    c.languages.en!.benefits = ["Offers first: see shop.test/offers"];
    const check = placeholders(c, "+14155550100");
    expect(check).toMatchObject({ passed: false, severity: "warning" });
    expect(check.problems).toEqual([
      "Settings, Business profile: the WhatsApp number +14155550100 is a fictional example number, shown on the form and the receipt; set your real WhatsApp business number.",
      "The privacy policy link points at www.example.com, a placeholder address; link your real privacy policy.",
      'English, the headline: "[Business name]" is placeholder text; write what you mean.',
      "English, benefit 1: shop.test is a placeholder address; write your real one.",
      "English, how to stop: +1 (415) 555-0100 is a fictional example number; write your real WhatsApp number.",
      'English, the introduction: "Lorem ipsum" is placeholder text; write what you mean.',
    ]);
    expect(publishBlockers(checkFormPolicy(c, { ...ctx, whatsappNumber: "+14155550100" }))).toEqual([]);
  });

  it("knows each reserved address and fictional range, and nothing else", () => {
    for (const url of [
      "https://example.org/p",
      "http://localhost:3000/privacy",
      "https://privacy.invalid/",
      "https://acme.example/privacy",
      "https://a.b.test/x",
    ])
      expect(placeholders(content({ privacyPolicyUrl: url }), null).passed, url).toBe(false);
    for (const url of ["https://examples.com/p", "https://myexample.com/privacy", "https://acme.com/test"])
      expect(placeholders(content({ privacyPolicyUrl: url }), null).passed, url).toBe(true);
    for (const n of ["+447700900123", "+12015550123", "+13125550150"]) expect(placeholders(content(), n).passed, n).toBe(false);
    for (const n of ["+12015550200", "+447700901123", "+5215555010012"]) expect(placeholders(content(), n).passed, n).toBe(true);
  });
});

describe("the number messages come from", () => {
  const numberCheck = (whatsappNumber: string | null | undefined, channel = "web") =>
    checkFormPolicy(content(), { ...ctx, channel, ...(whatsappNumber !== undefined ? { whatsappNumber } : {}) }).find((x) => x.id === "business-number")!;

  it("warns a hosted form while the workspace has no WhatsApp number, without blocking", () => {
    expect(numberCheck(null)).toMatchObject({ passed: false, severity: "warning", problems: [expect.stringContaining("Settings, Business profile")] });
    expect(numberCheck("+12015551234").passed).toBe(true);
    // A keyword form's person is already writing to the number; a caller that does not know it checks nothing.
    expect(numberCheck(null, "sms").passed).toBe(true);
    expect(numberCheck(undefined).passed).toBe(true);
  });
});
