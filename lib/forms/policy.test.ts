import { describe, expect, it } from "vitest";
import type { FormVersionContent } from "../db/schema/form-content";
import { checkFormPolicy, publishBlockers } from "./policy";
import { defaultEnglishWording } from "./wording";

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
