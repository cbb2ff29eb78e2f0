import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { findPublishedForm } from "../forms/queries";
import { findPreferenceCentre, preferenceLanguages } from "../preferences/queries";
import { findRetiredPreferenceLink } from "../preferences/tokens";
import { findReceipt } from "./receipts.queries";
import { getDb } from "../server/app-database";
import { messagesFor, orderLanguages, supportedLanguages } from "../i18n/languages";
import { negotiateLanguage } from "../i18n/negotiate";
import { requestPathHeader } from "../server/request-path-header";
import { isUuid } from "../ids";
import { findKeywordSignUp } from "../forms/keyword-sign-up";
import { hasWebPage } from "../forms/web-page";

/**
 * Loaders of the consumer pages: each finds the page's data and the language to show it in. Wrapped in React's
 * cache() so the root layout (for <html lang>) and the page share one lookup per request.
 */

/** A search parameter's first value; Next gives arrays for repeated keys. */
export function firstParam(value: string | string[] | null | undefined): string | undefined {
  return (Array.isArray(value) ? value[0] : value) ?? undefined;
}

async function acceptLanguage(): Promise<string | null> {
  return (await headers()).get("accept-language");
}

export const loadFormPage = cache(async (workspaceSlug: string, formSlug: string, requested: string | undefined) => {
  const form = await findPublishedForm(await getDb(), workspaceSlug, formSlug);
  // A keyword form without a web page answers not-found here; its not-found page says what to text instead.
  if (!form || !hasWebPage(form.form.channel, form.version.content)) return undefined;
  const accept = await acceptLanguage();
  const available = orderLanguages(Object.keys(form.version.content.languages));
  const language = negotiateLanguage({ requested, acceptLanguage: accept, available, fallback: form.version.content.defaultLanguage });
  return { form, language, available, acceptLanguage: accept, messages: messagesFor(language) };
});

/** A receipt is shown in the language the person agreed in, unless they pick another of the form's. */
export const loadReceiptPage = cache(async (workspaceSlug: string, commandId: string, requested: string | undefined) => {
  if (!isUuid(commandId)) return undefined;
  const receipt = await findReceipt(await getDb(), workspaceSlug, commandId);
  if (!receipt) return undefined;
  const available = receipt.content ? orderLanguages(Object.keys(receipt.content.languages)) : [receipt.language];
  const language = negotiateLanguage({ requested, available, fallback: receipt.language });
  return { receipt, language, available, messages: messagesFor(language) };
});

export const loadPreferencePage = cache(async (token: string, requested: string | undefined) => {
  const centre = await findPreferenceCentre(await getDb(), token);
  if (!centre) return undefined;
  const available = preferenceLanguages(centre);
  const fallback = centre.version?.content.defaultLanguage ?? centre.workspace.defaultLanguage;
  const language = negotiateLanguage({ requested, acceptLanguage: await acceptLanguage(), available, fallback });
  return { centre, language, available, messages: messagesFor(language) };
});

/**
 * A preference link that once worked (an old receipt's): why it no longer opens, in the language the link asked
 * for, else the visitor's, else the business's.
 */
export const loadRetiredPreferencePage = cache(async (token: string, requested: string | undefined) => {
  const retired = await findRetiredPreferenceLink(await getDb(), token);
  if (!retired) return undefined;
  const language = negotiateLanguage({ requested, acceptLanguage: await acceptLanguage(), available: supportedLanguages, fallback: retired.defaultLanguage });
  return { retired, language };
});

/** The preference link and `lang` of the current request, for its not-found page, which gets no params. */
export async function requestedPreferenceLink(): Promise<{ token: string; lang: string | undefined } | undefined> {
  const path = (await headers()).get(requestPathHeader);
  if (!path) return undefined;
  const url = new URL(path, "http://local");
  const [root, token, ...rest] = url.pathname.split("/").filter(Boolean);
  return root === "p" && token && rest.length === 0 ? { token, lang: url.searchParams.get("lang") ?? undefined } : undefined;
}

/** The form's address the current request asked for (a not-found page gets no params), with its `lang`. */
async function requestedFormAddress(): Promise<{ workspace: string; form: string; lang: string | undefined } | undefined> {
  const path = await requestPath();
  if (!path || path === "undecodable") return undefined;
  const [root, workspace, form] = path.parts;
  return root === "f" && workspace && form && path.parts.length === 3 ? { workspace, form, lang: path.lang } : undefined;
}

/** The current request's path, decoded into its segments, and its `lang`; "undecodable" for a malformed escape. */
async function requestPath(): Promise<{ parts: string[]; lang: string | undefined } | "undecodable" | undefined> {
  const path = (await headers()).get(requestPathHeader);
  if (!path) return undefined;
  const url = new URL(path, "http://local");
  try {
    return { parts: url.pathname.split("/").filter(Boolean).map(decodeURIComponent), lang: url.searchParams.get("lang") ?? undefined };
  } catch {
    return "undecodable";
  }
}

/**
 * A published keyword form without a web page, when the not-found page is for its address: what the person
 * texts and where, in the form's language that suits them, so the address leads somewhere instead of nowhere.
 */
export const loadKeywordSignUp = cache(async () => {
  const address = await requestedFormAddress();
  if (!address) return undefined;
  const signUp = await findKeywordSignUp(await getDb(), address.workspace, address.form);
  if (!signUp) return undefined;
  const { languages, defaultLanguage, ...shown } = signUp;
  const language = negotiateLanguage({ requested: address.lang, acceptLanguage: await acceptLanguage(), available: languages, fallback: defaultLanguage });
  return { ...shown, language, switcher: await notFoundSwitcher(languages) };
});

/**
 * For pages that know no form (not-found): the language the visitor asked for (`lang`, from the switcher), else
 * theirs, among all the consumer pages speak.
 */
export async function visitorLanguage(): Promise<string> {
  const path = await requestPath();
  const requested = path && path !== "undecodable" ? path.lang : undefined;
  return negotiateLanguage({ requested, acceptLanguage: await acceptLanguage(), available: supportedLanguages, fallback: "en" });
}

/** What a not-found page's language switcher offers: `available`, each a link to the same address in it. */
export type NotFoundSwitcher = { available: string[]; hrefFor: (language: string) => string };

/**
 * The switcher of a not-found page, which gets no params: the address asked for, with `lang` set. Every consumer
 * page reads `lang` the same way, so the link answers in the language chosen.
 */
export async function notFoundSwitcher(available: readonly string[] = supportedLanguages): Promise<NotFoundSwitcher> {
  const url = new URL((await headers()).get(requestPathHeader) ?? "/", "http://local");
  return {
    available: [...available],
    hrefFor: (language) => {
      const next = new URL(url);
      next.searchParams.set("lang", language);
      return `${next.pathname}${next.search}`;
    },
  };
}

/** The <html lang> of the current request: the consumer page's language, or English for every other page. */
export async function documentLanguage(): Promise<string> {
  const path = await requestPath();
  if (!path) return "en";
  if (path === "undecodable") return visitorLanguage();
  const { parts, lang: requested } = path;
  const [root, a, b, c, d] = parts;
  let page: { language: string } | undefined;
  if (root === "f" && a && b && parts.length === 3) page = (await loadFormPage(a, b, requested)) ?? (await loadKeywordSignUp());
  else if (root === "f" && a && c === "receipt" && d && parts.length === 5) page = await loadReceiptPage(a, d, requested);
  else if (root === "p" && a && parts.length === 2) page = (await loadPreferencePage(a, requested)) ?? (await loadRetiredPreferencePage(a, requested));
  return page?.language ?? visitorLanguage();
}
