import { describe, expect, it } from "vitest";
import type { FormVersionContent } from "../db/schema/form-content";
import { draftContentSchema } from "./builder.validation";
import { MAX_WHATSAPP_REPLY_BODY, replyLength, replyLimitErrors } from "./keyword-reply";
import { keywordSignUpText } from "./keyword-sign-up-text";
import { hasWebPage } from "./web-page";
import { checkFormPolicy } from "./policy";

const wording = (reply?: string) => ({
  headline: "Offers from Test Shop",
  benefits: [],
  consent: { offers: "Yes, send me offers from Test Shop on WhatsApp." },
  howToStop: "Send STOP to stop.",
  submitLabel: "Sign up",
  ...(reply === undefined ? {} : { reply }),
});

const content = (languages: FormVersionContent["languages"]): FormVersionContent => ({
  businessName: "Test Shop",
  privacyPolicyUrl: null,
  defaultLanguage: "en",
  categoryKeys: ["offers"],
  askConfirmation: false,
  languages,
  keyword: "JOIN",
});

describe("a keyword form's reply length", () => {
  it("counts SMS in messages and encoding, WhatsApp in characters out of 1,024", () => {
    expect(replyLength("sms", "a".repeat(161))).toEqual({ channel: "sms", units: 161, encoding: "GSM-7", segments: 2 });
    expect(replyLength("sms", "Sí, quiero ✓")).toMatchObject({ encoding: "UCS-2", segments: 1 });
    expect(replyLength("whatsapp", "a".repeat(1024))).toEqual({ channel: "whatsapp", characters: 1024, max: 1024, over: false });
    expect(replyLength("whatsapp", "a".repeat(1025))).toMatchObject({ over: true });
  });

  it("flags each WhatsApp language whose reply (its own, or the standard one) is past 1,024, on that language's field", () => {
    const long = "x".repeat(MAX_WHATSAPP_REPLY_BODY + 1);
    const c = content({ en: wording("a".repeat(MAX_WHATSAPP_REPLY_BODY)), es: { ...wording(), howToStop: long } });
    expect(replyLimitErrors("whatsapp", c)).toEqual([
      { field: "content.languages.es.reply", code: "too_long", message: expect.stringContaining("1,074 characters") },
    ]);
    // SMS replies are held to a number of messages by the policy check instead; other channels send no reply.
    expect(replyLimitErrors("sms", c)).toEqual([]);
    expect(replyLimitErrors("web", c)).toEqual([]);
  });
});

describe("a keyword form's web page", () => {
  it("exists for a keyword form only when asked for; never for IVR; always for web and paper", () => {
    expect(hasWebPage("sms", {})).toBe(false);
    expect(hasWebPage("whatsapp", {})).toBe(false);
    expect(hasWebPage("sms", { webPage: true })).toBe(true);
    expect(hasWebPage("whatsapp", { webPage: true })).toBe(true);
    expect(hasWebPage("ivr", { webPage: true })).toBe(false);
    expect(hasWebPage("web", {})).toBe(true);
    expect(hasWebPage("paper", {})).toBe(true);
  });

  it("is asked for with a checkbox the builder sends as a boolean; only true is kept", () => {
    const draft = { privacyPolicyUrl: "", defaultLanguage: "en", categoryKeys: ["offers"], askConfirmation: false, languages: {} };
    expect(draftContentSchema.parse({ ...draft, webPage: true }).webPage).toBe(true);
    expect(draftContentSchema.parse({ ...draft, webPage: false })).not.toHaveProperty("webPage", false);
    expect(draftContentSchema.parse({ ...draft, webPage: false }).webPage).toBeUndefined();
    expect(draftContentSchema.safeParse({ ...draft, webPage: "yes" }).success).toBe(false);
  });

  it("is replaced by what to send, and where, in the person's language", () => {
    const es = keywordSignUpText("es", { channel: "sms", keyword: "UNIRME", number: "+14155550111", businessName: "Test Shop" });
    expect(es.heading).toBe("Regístrate enviando un mensaje");
    expect(es.text).toContain("envía UNIRME por SMS al +1\u00a0415\u00a0555\u00a00111");
    expect(es.link).toEqual({ href: "sms:+14155550111?body=UNIRME", label: "Escribir el SMS" });
    const wa = keywordSignUpText("en", { channel: "whatsapp", keyword: "JOIN", number: "+14155550100", businessName: "Test Shop" });
    expect(wa.text).toContain("send JOIN to +1\u00a0415\u00a0555\u00a00100 on WhatsApp");
    expect(wa.link?.href).toBe("https://wa.me/14155550100?text=JOIN");
    // Without a number there is no link to make up: the sentence says where to look.
    expect(keywordSignUpText("en", { channel: "sms", keyword: "JOIN", number: null, businessName: "Test Shop" })).toMatchObject({
      link: null,
      text: expect.stringContaining("send JOIN to the number shown where you found this address"),
    });
  });
});

describe("the policy check of a keyword form without a web page", () => {
  it("gives no advice about benefits, which only a web page shows", () => {
    const c = content({ en: wording() });
    const ctx = { businessName: "Test Shop", categories: [{ key: "offers", label: "Offers" }], channel: "whatsapp" };
    expect(checkFormPolicy(c, ctx).map((check) => check.id)).not.toContain("benefits");
    expect(checkFormPolicy({ ...c, webPage: true }, ctx).find((check) => check.id === "benefits")).toMatchObject({ passed: false });
  });
});
