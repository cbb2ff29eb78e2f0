import { describe, expect, it } from "vitest";
import { defaultOptOutKeywords, isWord, matchOptOut, parseKeywordList, smsOptOutWords } from "./keywords";

const categories = [
  { key: "order_updates", label: "Order updates" },
  { key: "offers", label: "Offers" },
];

describe("opt-out keywords", () => {
  it("matches a STOP word alone, in any configured language, case and spacing aside", () => {
    expect(matchOptOut("stop", defaultOptOutKeywords, categories)).toMatchObject({ scope: "all", language: "en" });
    expect(matchOptOut("  Baja ", defaultOptOutKeywords, categories)).toMatchObject({ scope: "all", language: "es" });
    expect(matchOptOut("sair", defaultOptOutKeywords, categories)).toMatchObject({ scope: "all", language: "pt-BR" });
    expect(matchOptOut("रोकें", defaultOptOutKeywords, categories)).toMatchObject({ scope: "all", language: "hi" });
    expect(matchOptOut("berhenti", defaultOptOutKeywords, categories)).toMatchObject({ scope: "all", language: "id" });
  });
  it("names one category by key or label", () => {
    expect(matchOptOut("STOP offers", defaultOptOutKeywords, categories)).toMatchObject({ scope: "one", categoryKey: "offers" });
    expect(matchOptOut("stop  order updates", defaultOptOutKeywords, categories)).toMatchObject({ scope: "one", categoryKey: "order_updates" });
    expect(matchOptOut("PARAR ORDER_UPDATES", defaultOptOutKeywords, categories)).toMatchObject({ scope: "one", categoryKey: "order_updates" });
  });
  it("never reads a sentence that merely contains the word as an opt-out", () => {
    expect(matchOptOut("please stop the weekly offers", defaultOptOutKeywords, categories)).toBeNull();
    expect(matchOptOut("STOP unknown", defaultOptOutKeywords, categories)).toBeNull();
    expect(matchOptOut("stopped", defaultOptOutKeywords, categories)).toBeNull();
    expect(isWord("Stop all", smsOptOutWords)).toBe(false);
    expect(isWord(" stopall ", smsOptOutWords)).toBe(true);
  });
  it("cleans a typed keyword list", () => {
    expect(parseKeywordList("stop, Stop,\n parar ,,")).toEqual(["STOP", "PARAR"]);
  });
});
