import { describe, expect, it } from "vitest";
import type { FormVersionContent } from "../db/schema/form-content";
import { describeVersionChanges, fieldWhere } from "./version-diff-labels";

const names = {
  category: (key: string) => ({ offers: "Offers", orders: "Order updates" })[key] ?? key,
  language: (code: string) => ({ en: "English", es: "Español" })[code] ?? code,
};

const wording = {
  headline: "Get updates",
  benefits: ["Early access"],
  consent: { offers: "Yes, send me offers from Shop on WhatsApp." },
  categories: { offers: { label: "Offers", description: "Deals", example: "20% off", frequency: "Weekly" } },
  howToStop: "Reply STOP",
  submitLabel: "Join",
};
const v1: FormVersionContent = {
  businessName: "Shop",
  privacyPolicyUrl: null,
  defaultLanguage: "en",
  categoryKeys: ["orders", "offers"],
  askConfirmation: false,
  languages: { en: wording },
};

describe("the versions diff in words", () => {
  it("names fields as the builder labels them", () => {
    expect(fieldWhere("languages.en.categories.offers.frequency", names)).toBe("English › Offers › How often");
    expect(fieldWhere("languages.es.consent.offers", names)).toBe("Español › Offers › Consent sentence");
    expect(fieldWhere("languages.en.benefits[1]", names)).toBe("English › Benefits › line 2");
    expect(fieldWhere("languages.en.submitLabel", names)).toBe("English › Button label");
    // The keyword builder's label (it read "Reply to the keyword" here while the builder said this).
    expect(fieldWhere("languages.en.reply", names)).toBe("English › Reply the person receives");
    expect(fieldWhere("ivrKeys.orders", names)).toBe("Key that means yes › Order updates");
    expect(fieldWhere("theme.accent", names)).toBe("Colours › Accent");
    expect(fieldWhere("somethingNew", names)).toBe("somethingNew");
  });

  it("says on/off for yes-no settings, names languages, and lists the categories offered once", () => {
    const v2: FormVersionContent = {
      ...v1,
      askConfirmation: true,
      defaultLanguage: "es",
      categoryKeys: ["offers"],
      languages: { en: { ...wording, categories: { offers: { ...wording.categories.offers, frequency: "Monthly" } } }, es: wording },
    };
    const changes = describeVersionChanges(v1, v2, names);
    expect(changes.find((c) => c.path === "askConfirmation")).toMatchObject({ where: "Ask people to confirm on WhatsApp", before: "off", after: "on" });
    expect(changes.find((c) => c.path === "defaultLanguage")).toMatchObject({ before: "English", after: "Español" });
    expect(changes.filter((c) => c.where === "Kinds of message offered")).toEqual([
      { path: "categoryKeys", where: "Kinds of message offered", before: "Order updates, Offers", after: "Offers" },
    ]);
    expect(changes.find((c) => c.path === "languages.en.categories.offers.frequency")).toMatchObject({
      where: "English › Offers › How often",
      before: "Weekly",
      after: "Monthly",
    });
    expect(changes.find((c) => c.path === "languages.es.headline")).toMatchObject({ where: "Español › Headline", before: null, after: "Get updates" });
  });

  it("the first version lists everything it says", () => {
    const all = describeVersionChanges(null, v1, names);
    expect(all.every((c) => c.before === null && c.after !== null)).toBe(true);
    expect(all.find((c) => c.path === "askConfirmation")?.after).toBe("off");
  });
});
