import { describe, expect, it } from "vitest";
import type { FormVersionContent } from "../db/schema/form-content";
import { keywordReply, keywordReplyText } from "./channel-wording";
import { replyAgreementErrors } from "./reply-agreement";
import { defaultEnglishWording } from "./wording";

const categories = [
  { key: "orders", label: "Order updates" },
  { key: "offers", label: "Offers" },
];
const en = defaultEnglishWording("Acme Coffee", categories);
const form = (own: Partial<FormVersionContent["languages"][string]>, keys = ["orders", "offers"]): FormVersionContent => ({
  businessName: "Acme Coffee",
  privacyPolicyUrl: null,
  defaultLanguage: "en",
  categoryKeys: keys,
  askConfirmation: false,
  keyword: "JOIN",
  languages: { en: { ...en, ...own } },
});

describe("a keyword reply says what the poster prints", () => {
  it("carries every consent sentence and how to stop word for word, with the marketer's opening before and closing after", () => {
    const content = form({ replyIntro: "Hi from Acme Coffee!", replyOutro: "Msg & data rates may apply." }, ["offers"]);
    expect(keywordReplyText(content, "en")).toBe(["Hi from Acme Coffee!", en.consent.offers, en.howToStop, "Msg & data rates may apply."].join("\n\n"));
    // With several categories the choices come between the sentences and how to stop; each sentence a choice opts
    // in to (the ledger keeps its digest) is in the body exactly as the poster prints it.
    const several = form({ replyIntro: "Hi from Acme Coffee!", replyOutro: "Msg & data rates may apply." });
    for (const channel of ["sms", "whatsapp"] as const) {
      const reply = keywordReply(several, "en", channel);
      expect(reply.body.startsWith(`Hi from Acme Coffee!\n\n${en.consent.orders}\n\n${en.consent.offers}\n\n`)).toBe(true);
      expect(reply.body.endsWith(`\n\n${en.howToStop}\n\nMsg & data rates may apply.`)).toBe(true);
      for (const c of reply.choices) expect(reply.body).toContain(en.consent[c.categoryKey]!);
    }
    expect(replyAgreementErrors("sms", several)).toEqual([]);
  });

  it("sends a version made before openings and closings exactly as before", () => {
    // No opening or closing: the sentences and how to stop, as every published keyword version has sent them.
    expect(keywordReplyText(form({}, ["offers"]), "en")).toBe([en.consent.offers, en.howToStop].join("\n\n"));
    // A whole reply of the marketer's own stays what that version sends (its digest proves it).
    const own = "Acme Coffee: you're in for WhatsApp offers. Text STOP to stop.";
    expect(keywordReplyText(form({ reply: own, replyIntro: "ignored" }, ["offers"]), "en")).toBe(own);
    expect(keywordReply(form({ reply: own }), "en", "sms").body).toBe(`${own}\n\nReply 1 for Order updates, 2 for Offers (or several, e.g. 1 2).`);
  });

  it("refuses a whole reply of one's own that leaves out or rewords a consent sentence, on that reply's field", () => {
    const reworded = `Acme Coffee on WhatsApp: ${en.consent.orders} ${en.consent.offers!.replace("offers", "deals")} Text STOP to stop.`;
    expect(replyAgreementErrors("whatsapp", form({ reply: reworded }), (k) => `[${k}]`)).toEqual([
      {
        field: "content.languages.en.reply",
        code: "reply_disagrees",
        message:
          "This reply leaves out or rewords the consent sentence for Offers, which the poster prints word for word. Empty this field to send the consent sentences as they are, with your own words in the opening and closing.",
      },
    ]);
    // One category too: there the keyword itself opts in, and the reply is the only wording the person gets.
    expect(replyAgreementErrors("sms", form({ reply: "Acme Coffee on WhatsApp: you're in. Text STOP to stop." }, ["offers"]))).toMatchObject([
      { field: "content.languages.en.reply", message: expect.stringContaining("for Offers,") },
    ]);
    const carried = `Acme Coffee on WhatsApp: ${en.consent.orders} ${en.consent.offers} Text STOP to stop.`;
    expect(replyAgreementErrors("whatsapp", form({ reply: carried }))).toEqual([]);
    // A web form has no reply to check.
    expect(replyAgreementErrors("web", form({ reply: "anything" }))).toEqual([]);
  });

  it("refuses an opening or closing that tells people a different stop word from the one the poster prints", () => {
    expect(replyAgreementErrors("sms", form({ replyOutro: "Reply END to cancel." }))).toEqual([
      {
        field: "content.languages.en.replyOutro",
        code: "reply_disagrees",
        message:
          'The closing tells people to send END, but "How to stop", which the poster prints, says STOP. Say how to stop only there, or use the same word.',
      },
    ]);
    expect(replyAgreementErrors("sms", form({ replyIntro: "Text QUIT or STOP any time." }))).toMatchObject([
      { field: "content.languages.en.replyIntro", message: expect.stringContaining("to send QUIT, but") },
    ]);
    // The same word again is no contradiction, nor is a word that merely contains one ("ENDLESS", "stop by").
    expect(replyAgreementErrors("sms", form({ replyIntro: "ENDLESS coffee! Stop by soon.", replyOutro: "Text STOP to stop." }))).toEqual([]);
  });

  it("reads stop words in the form's language, in every language", () => {
    const es: FormVersionContent = {
      ...form({}, ["offers"]),
      languages: {
        es: { ...en, consent: { offers: "Sí, quiero ofertas de Acme Coffee por WhatsApp." }, howToStop: "Envía BAJA para dejar de recibirlas." },
      },
    };
    const withOutro = (replyOutro: string) => ({ ...es, languages: { es: { ...es.languages.es!, replyOutro } } });
    expect(replyAgreementErrors("whatsapp", withOutro("Responde PARAR cuando quieras."))).toMatchObject([
      { field: "content.languages.es.replyOutro", message: expect.stringContaining('send PARAR, but "How to stop", which the poster prints, says BAJA') },
    ]);
    expect(replyAgreementErrors("whatsapp", withOutro("BAJA cuando quieras."))).toEqual([]);
  });
});
