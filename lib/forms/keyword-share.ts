import "server-only";
import type { DbOrTx } from "../db/client";
import type { FormVersionContent } from "../db/schema/form-content";
import { findBusinessNumbers, keywordNumberSettings } from "./business-numbers";
import { keywordSignUpText } from "./keyword-sign-up-text";
import { formQrPng, formQrSvg } from "./qr-code";

/** What the share page tells a marketer to hand out for a keyword form: the words, the link and its QR code. */
export type KeywordShare = {
  channel: "sms" | "whatsapp";
  keyword: string;
  /** The language `call` is in: the form's default, as on the poster printed without a choice. */
  language: string;
  /** "Text JOIN to +1 415 555 0100"; null while the number is not set. */
  call: string | null;
  /** The sms: or wa.me link that opens the message with the keyword typed in; null without a number. */
  link: string | null;
  /** The link's QR code as data URLs: it encodes only the public link, so the page carries it, no route needed. */
  qr: { svg: string; png: string; fileName: string } | null;
  settingsHref: string;
  settingsLabel: string;
};

type KeywordForm = { slug: string; channel: "sms" | "whatsapp"; keyword: string };

export async function keywordShare(
  db: DbOrTx,
  workspace: { id: string; slug: string },
  form: KeywordForm,
  content: Pick<FormVersionContent, "businessName" | "defaultLanguage">,
): Promise<KeywordShare> {
  const number = (await findBusinessNumbers(db, workspace.id))[form.channel];
  const language = content.defaultLanguage;
  const t = keywordSignUpText(language, { channel: form.channel, keyword: form.keyword, number, businessName: content.businessName });
  const link = t.link?.href ?? null;
  const qr = link
    ? {
        svg: `data:image/svg+xml;base64,${Buffer.from(await formQrSvg(link)).toString("base64")}`,
        png: `data:image/png;base64,${(await formQrPng(link)).toString("base64")}`,
        fileName: `${workspace.slug}-${form.slug}-${form.channel}-qr`.replace(/[^\w.-]/g, "_"),
      }
    : null;
  return { channel: form.channel, keyword: form.keyword, language, call: t.call, link, qr, ...keywordNumberSettings(workspace.slug, form.channel) };
}
