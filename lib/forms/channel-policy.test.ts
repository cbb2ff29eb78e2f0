import { describe, expect, it } from "vitest";
import { ivrScriptLines, keywordReplyText, smsSegments } from "./channel-wording";
import type { FormVersionContent } from "../db/schema/form-content";
import { checkFormPolicy } from "./policy";
import { defaultEnglishWording } from "./wording";

const categories = [
  { key: "orders", label: "Order updates" },
  { key: "offers", label: "Offers" },
];
const base: FormVersionContent = {
  businessName: "Acme Coffee",
  privacyPolicyUrl: "https://acme.example/privacy",
  defaultLanguage: "en",
  categoryKeys: ["orders", "offers"],
  askConfirmation: false,
  languages: { en: { ...defaultEnglishWording("Acme Coffee", categories), benefits: ["Early offers"] } },
};
const withReply = (reply: string, extra: Partial<FormVersionContent> = {}): FormVersionContent => ({
  ...base,
  keyword: "JOIN",
  ...extra,
  languages: { en: { ...base.languages.en!, reply } },
});
const problems = (content: FormVersionContent, channel: string, id: string) =>
  checkFormPolicy(content, { businessName: "Acme Coffee", categories, channel }).find((c) => c.id === id)?.problems;

describe("channel wording", () => {
  it("counts SMS segments: 160 GSM-7 characters in one, 153 each when split, 70 and 67 for other scripts", () => {
    expect(smsSegments("a".repeat(160))).toEqual({ segments: 1, encoding: "GSM-7", units: 160 });
    expect(smsSegments("a".repeat(161))).toEqual({ segments: 2, encoding: "GSM-7", units: 161 });
    expect(smsSegments("€".repeat(80))).toEqual({ segments: 1, encoding: "GSM-7", units: 160 });
    expect(smsSegments("हाँ".repeat(20)).encoding).toBe("UCS-2");
    expect(smsSegments("ñ".repeat(70)).segments).toBe(1);
    expect(smsSegments("ç".repeat(71))).toEqual({ segments: 2, encoding: "UCS-2", units: 71 });
  });

  it("replies with the marketer's own text, or the consent sentences and how to stop", () => {
    expect(keywordReplyText(withReply("Acme Coffee: you're in for WhatsApp offers. Text STOP to stop."), "en")).toBe(
      "Acme Coffee: you're in for WhatsApp offers. Text STOP to stop.",
    );
    expect(keywordReplyText(withReply("  "), "en")).toBe(
      [base.languages.en!.consent.orders, base.languages.en!.consent.offers, base.languages.en!.howToStop].join("\n\n"),
    );
  });

  it("reads the IVR menu as the opening, each consent sentence with its key, and how to stop", () => {
    const lines = ivrScriptLines(
      { ...base, ivrKeys: { orders: "1", offers: "2" }, languages: { en: { ...base.languages.en!, ivrIntro: "Hello from Acme Coffee." } } },
      "en",
    );
    expect(lines).toEqual([
      "Hello from Acme Coffee.",
      `${base.languages.en!.consent.orders} Press 1.`,
      `${base.languages.en!.consent.offers} Press 2.`,
      base.languages.en!.howToStop,
    ]);
  });
});

describe("the policy check per channel", () => {
  it("an SMS reply must name the business and WhatsApp, say STOP, and fit in three messages", () => {
    expect(problems(withReply("Acme Coffee: you are signed up for WhatsApp offers. Text STOP to stop."), "sms", "reply")).toEqual([]);
    expect(problems(withReply("You are signed up. Reply END to stop."), "sms", "reply")).toEqual([
      "English: the reply does not name Acme Coffee.",
      "English: the reply does not say WhatsApp.",
      "English: the reply does not say to text STOP (carriers require it).",
    ]);
    expect(problems(withReply(`Acme Coffee on WhatsApp. Text STOP to stop. ${"x".repeat(460)}`), "sms", "reply-length")).toEqual([
      "English: 4 messages (569 GSM-7 characters).",
    ]);
  });

  it("a WhatsApp reply must say the stop word of its language; an SMS or WhatsApp form needs its keyword", () => {
    expect(problems(withReply("Acme Coffee on WhatsApp: welcome! Send STOP at any time."), "whatsapp", "reply")).toEqual([]);
    expect(problems(withReply("Acme Coffee on WhatsApp: welcome!"), "whatsapp", "reply")).toEqual([
      "English: the reply does not say which word stops the messages (STOP).",
    ]);
    expect(problems(withReply("x", { keyword: undefined }), "whatsapp", "keyword")).toEqual(["Choose the keyword people send to opt in."]);
    expect(problems(base, "web", "keyword")).toBeUndefined();
  });

  it("an IVR menu needs its own key from 1 to 9 for each kind of message", () => {
    expect(problems({ ...base, ivrKeys: { orders: "1", offers: "2" } }, "ivr", "ivr-keys")).toEqual([]);
    expect(problems({ ...base, ivrKeys: { orders: "1", offers: "1" } }, "ivr", "ivr-keys")).toEqual([
      "Offers and Order updates both use key 1; give each its own.",
    ]);
    expect(problems({ ...base, ivrKeys: { orders: "1" } }, "ivr", "ivr-keys")).toEqual(["Offers: choose the key (1 to 9) that means yes."]);
  });

  it("refuses colours whose text contrast is below 4.5:1 and says the measured ratio", () => {
    expect(problems({ ...base, theme: { accent: "#1d4ed8", background: "#ffffff" } }, "web", "colours")).toEqual([]);
    expect(problems({ ...base, theme: { accent: "#facc15", background: "#ffffff" } }, "web", "colours")).toEqual([
      "the button's white text on the accent colour: 1.53:1, needs 4.5:1.",
      "the business name and links in the accent colour on the background: 1.53:1, needs 4.5:1.",
    ]);
    expect(problems({ ...base, theme: { accent: "#1d4ed8", background: "#64748b" } }, "web", "colours")).toEqual([
      "the business name and links in the accent colour on the background: 1.40:1, needs 4.5:1.",
      "grey small print on the background: 1.59:1, needs 4.5:1.",
    ]);
  });
});
