import { describe, expect, it } from "vitest";
import { dictionaries, languageName, messagesFor, orderLanguages, supportedLanguages } from "./languages";

/** Every leaf of a dictionary as "path: kind", to compare shapes across languages. */
function shape(value: unknown, path = ""): string[] {
  if (typeof value === "function") return [`${path}: function/${value.length}`];
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => shape(v, path ? `${path}.${k}` : k));
  return [`${path}: ${typeof value}`];
}

describe("consumer page dictionaries", () => {
  it("are the five languages, each with every English string and no empty one", () => {
    expect(supportedLanguages).toEqual(["en", "es", "pt-BR", "hi", "id"]);
    for (const lang of supportedLanguages) {
      expect(shape(dictionaries[lang]), lang).toEqual(shape(dictionaries.en));
      expect(shape(dictionaries[lang]).filter((s) => s.endsWith("string")).length).toBeGreaterThan(50);
    }
    expect(messagesFor("hi").receipt.agreed("1 जनवरी", "Acme")).toContain("Acme");
  });
  it("fall back to English for a language the pages do not speak", () => {
    expect(messagesFor("fr")).toBe(dictionaries.en);
    expect(languageName("pt-BR")).toBe("Português (Brasil)");
    expect(languageName("fr")).toBe("français");
  });
  it("orders a form's languages stably for the switcher", () => {
    expect(orderLanguages(["id", "pt-BR", "fr", "en", "hi", "es", "de"])).toEqual(["en", "es", "pt-BR", "hi", "id", "de", "fr"]);
  });
});
