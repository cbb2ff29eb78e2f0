import { describe, expect, it } from "vitest";
import { ivrScriptLines, keywordReply, keywordReplyText, readChoiceId, smsSegments } from "./channel-wording";
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

describe("a keyword's reply asks per category", () => {
  const four = [...categories, { key: "tips", label: "Tips and recipes" }, { key: "events", label: "Tastings and events" }];
  const wordingFor = (cats: { key: string; label: string }[]) => ({ ...defaultEnglishWording("Acme Coffee", cats), benefits: ["Early offers"] });
  const withCategories = (cats: { key: string; label: string }[]): FormVersionContent => ({
    ...base,
    keyword: "JOIN",
    categoryKeys: cats.map((c) => c.key),
    languages: { en: wordingFor(cats) },
  });
  const version = "6f1c1a52-3c1e-4d8a-9d59-2a4a1f0e7b10";

  it("one category: the keyword opts in to it and the reply is the wording alone", () => {
    const one = withCategories([categories[1]!]);
    expect(keywordReply(one, "en", "whatsapp", { versionId: version })).toEqual({ body: keywordReplyText(one, "en"), choices: [], format: null });
    expect(keywordReply(one, "en", "sms")).toEqual({ body: keywordReplyText(one, "en"), choices: [], format: null });
    expect(problems(one, "whatsapp", "categories-separate")).toEqual([]);
  });

  it("two categories on WhatsApp: a reply button per category whose id names the version and the category", () => {
    const reply = keywordReply(base, "en", "whatsapp", { versionId: version });
    expect(reply.format).toBe("buttons");
    expect(reply.choices).toEqual([
      { categoryKey: "orders", label: "Order updates", id: `assent:optin:${version}:orders`, cut: false },
      { categoryKey: "offers", label: "Offers", id: `assent:optin:${version}:offers`, cut: false },
    ]);
    expect(reply.body).toContain(base.languages.en!.consent.orders);
    expect(reply.body).toContain(base.languages.en!.consent.offers);
    expect(reply.body).toContain("Tap a button for each kind of message you want.");
    expect(reply.body.endsWith(base.languages.en!.howToStop)).toBe(true);
    expect(readChoiceId(reply.choices[1]!.id)).toEqual({ versionId: version, categoryKey: "offers" });
    for (const forged of ["assent:optin:not-a-version:offers", `assent:optin:${version}:`, `assent:optin:${version}:a:b`, "assent:stop:offers"]) {
      expect(readChoiceId(forged), forged).toBeNull();
    }
  });

  it("more than three categories on WhatsApp: a list message, with its button label; SMS numbers them", () => {
    const content = withCategories(four);
    const list = keywordReply(content, "en", "whatsapp", { versionId: version });
    expect(list).toMatchObject({ format: "list", listButton: "Choose" });
    expect(list.choices.map((c) => c.label)).toEqual(["Order updates", "Offers", "Tips and recipes", "Tastings and events"]);
    const sms = keywordReply(content, "en", "sms");
    expect(sms.format).toBe("numbered");
    expect(sms.choices.map((c) => c.id)).toEqual(["1", "2", "3", "4"]);
    expect(sms.body).toContain("Reply 1 for Order updates, 2 for Offers, 3 for Tips and recipes, 4 for Tastings and events (or several, e.g. 1 2).");
    // In Spanish, the words of the question are Spanish.
    expect(keywordReply({ ...content, defaultLanguage: "es", languages: { es: content.languages.en! } }, "es", "sms").body).toContain(
      "Responde 1 para Order updates",
    );
  });

  it("a name longer than a button holds is cut with an ellipsis, and the check warns; two that then read the same fail", () => {
    const long = [
      { key: "orders", label: "Order updates and delivery" },
      { key: "offers", label: "Offers" },
    ];
    const content = withCategories(long);
    const reply = keywordReply(content, "en", "whatsapp", { versionId: version });
    expect(reply.choices[0]).toMatchObject({ label: "Order updates and d…", cut: true });
    expect([...reply.choices[0]!.label]).toHaveLength(20);
    expect(problems(content, "whatsapp", "choice-labels")).toEqual([
      'English: "Order updates and delivery" is cut to "Order updates and d…" (20 characters at most); a shorter name reads better.',
    ]);
    expect(problems(content, "sms", "choice-labels")).toBeUndefined();
    const twins = withCategories([
      { key: "orders", label: "Order updates and delivery" },
      { key: "offers", label: "Order updates and deals" },
    ]);
    expect(problems(twins, "whatsapp", "categories-separate")).toEqual([
      'English: the choices for Order updates and delivery and Order updates and deals both read "Order updates and d…"; give them names that differ.',
    ]);
  });

  it("a reply of one's own must carry every category's consent sentence, since each choice opts in to its own", () => {
    const own = withReply(`Acme Coffee on WhatsApp: ${base.languages.en!.consent.offers} Send STOP to stop.`);
    expect(problems(own, "whatsapp", "categories-separate")).toEqual([
      "English: the reply leaves out the consent sentence for Order updates. Each choice opts in to its own sentence, so the reply must carry every one (or leave the reply empty to send them all).",
    ]);
    expect(problems(own, "sms", "categories-separate")).toHaveLength(1);
    // The web form keeps its own rule: a box per category, no reply.
    expect(problems(own, "web", "categories-separate")).toEqual([]);
    const full = withReply(`Acme Coffee on WhatsApp: ${base.languages.en!.consent.orders} ${base.languages.en!.consent.offers} Send STOP to stop.`);
    expect(problems(full, "whatsapp", "categories-separate")).toEqual([]);
    expect(keywordReply(full, "en", "whatsapp").body.startsWith(full.languages.en!.reply!)).toBe(true);
  });

  it("WhatsApp offers at most ten choices, and a message with choices at most 1,024 characters", () => {
    const many = Array.from({ length: 11 }, (_, i) => ({ key: `kind${i}`, label: `Kind ${i}` }));
    expect(problems(withCategories(many), "whatsapp", "categories-separate")).toContain(
      "WhatsApp shows at most 10 choices in one message; this form has 11 kinds of message.",
    );
    const long = withReply(`Acme Coffee on WhatsApp: ${base.languages.en!.consent.orders} ${base.languages.en!.consent.offers} Send STOP. ${"x".repeat(900)}`);
    expect(problems(long, "whatsapp", "reply-length")).toEqual([expect.stringMatching(/^English: 1,\d{3} characters\.$/)]);
  });
});
