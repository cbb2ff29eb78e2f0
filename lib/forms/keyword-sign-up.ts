import "server-only";
import type { DbOrTx } from "../db/client";
import { orderLanguages } from "../i18n/languages";
import { findBusinessNumbers } from "./business-numbers";
import { keywordChannel } from "./channels";
import { findPublishedForm } from "./queries";
import { hasWebPage } from "./web-page";

/** How to sign up to a keyword form that has no web page: what to send, on which channel, to which number. */
export type KeywordSignUp = {
  channel: "sms" | "whatsapp";
  keyword: string;
  /** E.164, or null while the workspace has not set the number (the page then says where to look). */
  number: string | null;
  businessName: string;
  /** The version's languages, in display order, and the one shown when the visitor's is not among them. */
  languages: string[];
  defaultLanguage: string;
};

/**
 * The published keyword form without a web page at /f/{workspace}/{form}, if that is what the address names:
 * its not-found page says what to send where instead of leaving the person at a dead end.
 */
export async function findKeywordSignUp(db: DbOrTx, workspaceSlug: string, formSlug: string): Promise<KeywordSignUp | undefined> {
  const found = await findPublishedForm(db, workspaceSlug, formSlug);
  const channel = found?.form.channel;
  const keyword = found?.version.content.keyword;
  if (!found || !channel || !keywordChannel(channel) || !keyword || hasWebPage(channel, found.version.content)) return undefined;
  const numbers = await findBusinessNumbers(db, found.workspace.id);
  return {
    channel,
    keyword,
    number: numbers[channel],
    businessName: found.workspace.businessName,
    languages: orderLanguages(Object.keys(found.version.content.languages)),
    defaultLanguage: found.version.content.defaultLanguage,
  };
}
