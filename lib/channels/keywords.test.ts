import { describe, expect, it } from "vitest";
import { defaultOptOutKeywords, helpLanguage, isWord, matchOptOut, normalizeCommand, parseKeywordList, smsOptInWords } from "./keywords";

const categories = [
  { key: "order_updates", label: "Order updates" },
  {
    key: "offers",
    label: "Offers",
    labels: [
      { language: "es", label: "Ofertas" },
      { language: "hi", label: "ऑफ़र" },
    ],
  },
];
const match = (text: string) => matchOptOut(text, defaultOptOutKeywords, categories);

describe("opt-out keywords", () => {
  it("matches a STOP word alone, in any configured language, case and spacing aside", () => {
    expect(match("stop")).toMatchObject({ scope: "all", language: "en" });
    expect(match("  Baja ")).toMatchObject({ scope: "all", language: "es" });
    expect(match("sair")).toMatchObject({ scope: "all", language: "pt-BR" });
    expect(match("रोकें")).toMatchObject({ scope: "all", language: "hi" });
    expect(match("berhenti")).toMatchObject({ scope: "all", language: "id" });
  });

  it("reads the ordinary ways of typing a stop word as that word (issue 15)", () => {
    for (const body of [
      "Stop.",
      "Stop!",
      "STOP ALL",
      "stopall",
      "OPT OUT",
      "Opt-out",
      "optout",
      "STOP 🛑",
      "🛑 stop",
      "ＳＴＯＰ",
      "S T O P".replace(/ /g, ""),
      "stop\u200b",
      "Please stop",
      "STOP please",
      "stop, thank you",
    ]) {
      expect(match(body), body).toMatchObject({ scope: "all", language: "en" });
    }
    expect(match("PARAR")).toMatchObject({ scope: "all", language: "es" });
    expect(match("Baja todo")).toMatchObject({ scope: "all", language: "es" });
  });

  it("honours the FCC's revocation words on every channel, whatever the workspace configured", () => {
    for (const word of ["stop", "quit", "end", "revoke", "opt out", "cancel", "unsubscribe"]) {
      expect(matchOptOut(word, {}, categories), word).toMatchObject({ scope: "all", language: "en" });
    }
  });

  it("names one category by key or by its name in any of the workspace's languages", () => {
    expect(match("STOP offers")).toMatchObject({ scope: "one", categoryKey: "offers" });
    expect(match("stop  order updates")).toMatchObject({ scope: "one", categoryKey: "order_updates" });
    expect(match("PARAR ORDER_UPDATES")).toMatchObject({ scope: "one", categoryKey: "order_updates" });
    expect(match("BAJA ofertas")).toMatchObject({ scope: "one", categoryKey: "offers", language: "es" });
    expect(match("Baja: Ofertas!")).toMatchObject({ scope: "one", categoryKey: "offers", language: "es" });
    expect(match("रोकें ऑफ़र")).toMatchObject({ scope: "one", categoryKey: "offers", language: "hi" });
  });

  it("a message that opens with a stop word but is no command is 'unclear': it is answered, never a stop", () => {
    expect(match("stop sending me offers please")).toMatchObject({ scope: "unclear", word: "STOP", language: "en" });
    expect(match("please stop sending me the weekly offers")).toMatchObject({ scope: "unclear" });
    expect(match("STOP unknown")).toMatchObject({ scope: "unclear" });
    expect(match("Baja las ofertas de la semana")).toMatchObject({ scope: "unclear", language: "es" });
  });

  it("never reads a sentence that merely contains a stop word, or a longer word, as a stop", () => {
    expect(match("please don't stop the tips")).toBeNull();
    expect(match("the end")).toBeNull();
    expect(match("stopped")).toBeNull();
    expect(match("JOIN")).toBeNull();
    expect(match("🛑")).toBeNull();
  });

  it("reduces a message to its words: width, case, punctuation, emoji and invisible characters", () => {
    expect(normalizeCommand("ＳＴＯＰ 🛑!!")).toBe("STOP");
    expect(normalizeCommand(" Opt-out. ")).toBe("OPT OUT");
    expect(normalizeCommand("रोकें।")).toBe("रोकें");
    expect(isWord("Start!", smsOptInWords)).toBe(true);
    expect(isWord("start me", smsOptInWords)).toBe(false);
    expect(helpLanguage("Ayuda?")).toBe("es");
    expect(helpLanguage("help me")).toBeNull();
  });

  it("cleans a typed keyword list", () => {
    expect(parseKeywordList("stop, Stop,\n parar ,,")).toEqual(["STOP", "PARAR"]);
  });
});
