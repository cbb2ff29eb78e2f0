import { describe, expect, it } from "vitest";
import { matchLanguage, negotiateLanguage, parseAcceptLanguage, preferredRegion } from "./negotiate";

const five = ["en", "es", "pt-BR", "hi", "id"];

describe("parseAcceptLanguage", () => {
  it("orders by q, then by position, and drops q=0 and junk", () => {
    expect(parseAcceptLanguage("fr;q=0.2, es-MX, hi;q=0.8, en;q=0, <script>, pt-BR;q=0.8, de;q=abc")).toEqual([
      { tag: "es-MX", q: 1 },
      { tag: "hi", q: 0.8 },
      { tag: "pt-BR", q: 0.8 },
      { tag: "fr", q: 0.2 },
    ]);
  });
  it("treats a missing or empty header as no preference", () => {
    expect(parseAcceptLanguage(undefined)).toEqual([]);
    expect(parseAcceptLanguage("")).toEqual([]);
  });
});

describe("matchLanguage", () => {
  it("matches exactly, ignoring case, then by base language", () => {
    expect(matchLanguage("PT-br", five)).toBe("pt-BR");
    expect(matchLanguage("pt-PT", five)).toBe("pt-BR");
    expect(matchLanguage("es-419", five)).toBe("es");
    expect(matchLanguage("hi-IN", five)).toBe("hi");
    expect(matchLanguage("fr-FR", five)).toBeUndefined();
  });
});

describe("negotiateLanguage", () => {
  it("takes ?lang= first when the form has it", () => {
    expect(negotiateLanguage({ requested: "hi", acceptLanguage: "es", available: five, fallback: "en" })).toBe("hi");
    expect(negotiateLanguage({ requested: "pt-br", available: five, fallback: "en" })).toBe("pt-BR");
  });
  it("ignores a ?lang= the form lacks and falls back to the browser", () => {
    expect(negotiateLanguage({ requested: "fr", acceptLanguage: "id-ID,en;q=0.5", available: five, fallback: "en" })).toBe("id");
  });
  it("uses the best browser language the form has", () => {
    expect(negotiateLanguage({ acceptLanguage: "fr-CA, fr;q=0.9, es-MX;q=0.7, en;q=0.5", available: five, fallback: "en" })).toBe("es");
    expect(negotiateLanguage({ acceptLanguage: "es-MX", available: ["en"], fallback: "en" })).toBe("en");
  });
  it("falls back to the form's default", () => {
    expect(negotiateLanguage({ acceptLanguage: "de, *;q=0.1", available: ["en", "es"], fallback: "es" })).toBe("es");
    expect(negotiateLanguage({ available: ["es"], fallback: "en" })).toBe("es");
  });
});

describe("preferredRegion", () => {
  it("reads the region of the browser language matching the page", () => {
    expect(preferredRegion("es-MX,es;q=0.9,en-US;q=0.8", "es")).toBe("MX");
    expect(preferredRegion("en-GB, hi-IN;q=0.8", "hi")).toBe("IN");
    expect(preferredRegion("zh-Hant-TW", "zh")).toBe("TW");
    expect(preferredRegion("es", "es")).toBeUndefined();
    expect(preferredRegion("pt-BR", "es")).toBeUndefined();
  });
});
