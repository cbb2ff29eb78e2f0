import { describe, expect, it } from "vitest";
import { businessNumberText, displayPhone } from "./display";

describe("displayPhone", () => {
  it("shows the whole number, grouped as in its country, and names the country in the page's language", () => {
    expect(displayPhone("+525512345678", "en")).toEqual({ number: "+52 55 1234 5678", country: "Mexico" });
    expect(displayPhone("+525512345678", "es")).toEqual({ number: "+52 55 1234 5678", country: "México" });
    expect(displayPhone("+12015550144", "pt-BR")).toEqual({ number: "+1 201 555 0144", country: "Estados Unidos" });
    expect(displayPhone("+919876543210", "hi")).toEqual({ number: "+91 98765 43210", country: "भारत" });
  });

  it("tells apart countries that share a calling code, so a number read in the wrong one shows it", () => {
    // The report: a Mexican number read as American became a New Jersey number.
    expect(displayPhone("+15512345678", "es").country).toBe("Estados Unidos");
    expect(displayPhone("+14165550144", "en").country).toBe("Canada");
  });

  it("falls back to the stored text for something the numbering plan cannot read", () => {
    expect(displayPhone("+999", "en")).toEqual({ number: "+999", country: null });
  });
});

describe("businessNumberText", () => {
  it("groups the number with no-break spaces, so it never wraps inside a sentence", () => {
    expect(businessNumberText("+12015550100")).toBe("+1\u00a0201\u00a0555\u00a00100");
    expect(businessNumberText("+919876543210")).toBe("+91\u00a098765\u00a043210");
  });

  it("is null when the workspace has no number, so the page leaves the line out", () => {
    expect(businessNumberText(null)).toBeNull();
    expect(businessNumberText("")).toBeNull();
  });
});
