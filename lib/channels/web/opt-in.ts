import "server-only";
import type { Db } from "../../db/client";
import { findPublishedFormCached, ledgerContextOf, type PublishedForm } from "../../forms/queries";
import { hasWebPage } from "../../forms/web-page";
import { AppError } from "../../errors";
import { append } from "../../ledger/append";
import { personalDigest } from "../../ledger/canonical";
import type { Receipt } from "../../ledger/types";
import { createConfirmationCode, findOpenConfirmationForCommand } from "../../confirmations/codes";
import { messagesFor } from "../../i18n/languages";
import { issuePreferenceToken, newPreferenceToken } from "../../preferences/tokens";
import { normalizePhone, PhoneError } from "../../phone/normalize";
import { hitSlidingRateLimits } from "../../rate-limit/limit";
import type { RequestMeta } from "../../server/request-meta";
import { webOptInSchema, type OptInFormState } from "./opt-in.validation";

/**
 * Per network address: a burst limit and a sustained one. A shop's counter with a QR poster puts many honest
 * people behind one public address (the shop's Wi-Fi, a carrier's NAT): ten sign-ups in a minute and thirty in ten
 * minutes is a busy queue, while a script repeating the form runs into the burst limit by its eleventh post.
 * Both are sliding, so a burst across a window boundary gets no more through. Every attempt counts, valid or not,
 * against both limits (a refused burst also uses up the ten-minute allowance, so a script stays out longer).
 */
export const webOptInIpLimits = [
  { name: "web-optin-ip-burst", limit: 10, windowSeconds: 60 },
  { name: "web-optin-ip", limit: 30, windowSeconds: 600 },
] as const;
const perPhone = { name: "web-optin-phone", limit: 5, windowSeconds: 3600 };

/** On success: the receipt, the language shown, and the new preference-centre token (its only plain appearance). */
export type WebOptInResult =
  | { ok: true; receipt: Receipt; language: string; preferenceToken: string | null }
  | { ok: false; state: OptInFormState; networkThrottled?: { retryAfterSeconds: number } };

export function readForm(data: FormData) {
  const text = (key: string) => {
    const v = data.get(key);
    return typeof v === "string" ? v : undefined;
  };
  return {
    submissionId: text("submissionId"),
    country: text("country"),
    phone: text("phone") ?? "",
    name: text("name") || undefined,
    categories: data.getAll("categories").filter((v): v is string => typeof v === "string"),
    language: text("language"),
    honeypot: text("company_url"),
  };
}

/** What the form shows again after a refusal: what was typed, cut to the fields' sizes. */
export function echoValues(raw: ReturnType<typeof readForm>): OptInFormState["values"] {
  return { phone: raw.phone.slice(0, 64), country: raw.country ?? "", name: raw.name?.slice(0, 200) ?? "", categories: raw.categories };
}

/**
 * The web channel: validation and rate limits (per IP, and per phone once the number is read), then one ledger append with the
 * form version, language, page URL, IP and user agent as evidence. The submission id rendered into the page is
 * the idempotency key, so a double submit records once and shows the same receipt.
 */
export async function submitWebOptIn(db: Db, form: PublishedForm, data: FormData, meta: RequestMeta, pageUrl: string): Promise<WebOptInResult> {
  const raw = readForm(data);
  const languages = form.version.content.languages;
  // The language the page was rendered in; errors answer in it. One the version lacks is refused below.
  const shownLanguage = raw.language && Object.hasOwn(languages, raw.language) ? raw.language : undefined;
  const m = messagesFor(shownLanguage ?? form.version.content.defaultLanguage).errors;
  const values = echoValues(raw);
  const fail = (fields: OptInFormState["fields"], message = m.checkFields): Extract<WebOptInResult, { ok: false }> => ({
    ok: false,
    state: { message, fields, values },
  });

  // Everything is read first (no round trip), then every limit is counted in ONE statement: the address's two on
  // every attempt, valid or not, and the number's once the number is read. The answers then come in the order a
  // person should hear them: the network's limit, the trap, the fields, the number's limit.
  const parsed = webOptInSchema.safeParse(raw);
  const number = parsed.success ? readNumber(parsed.data.phone, parsed.data.country) : null;
  const phoneKey = number && "phone" in number ? personalDigest(form.workspace.ledgerSalt, "phone", number.phone)! : null;
  const hits = await hitSlidingRateLimits(db, [
    ...webOptInIpLimits.map((rule) => ({ rule, subject: meta.ip ?? "unknown" })),
    ...(phoneKey ? [{ rule: perPhone, subject: phoneKey }] : []),
  ]);
  for (const hit of hits.slice(0, webOptInIpLimits.length)) {
    if (!hit.allowed) return { ...fail({ form: m.tooManyFromNetwork }, m.tooManyFromNetwork), networkThrottled: { retryAfterSeconds: hit.retryAfterSeconds } };
  }

  // A field people cannot see: only bots fill it. Say no plainly rather than pretend it worked.
  if (raw.honeypot) return fail({ form: m.refused }, m.refused);

  if (!parsed.success || !shownLanguage) {
    const fields: OptInFormState["fields"] = {};
    const messageFor = { phone: m.phone.too_long, categories: m.chooseCategory, name: m.nameTooLong, country: m.chooseCountry } as const;
    for (const issue of parsed.error?.issues ?? []) {
      const key = String(issue.path[0]);
      if (key in messageFor) fields[key as keyof typeof messageFor] ??= messageFor[key as keyof typeof messageFor];
      else fields.form ??= m.reload;
    }
    if (!shownLanguage) fields.form ??= m.reload;
    return fail(fields);
  }
  const input = parsed.data;
  if (!number || !("phone" in number)) return fail({ phone: m.phone[number!.problem] });
  const phone = number.phone;
  if (!hits[webOptInIpLimits.length]!.allowed) return fail({ phone: m.tooManyForNumber }, m.tooManyForNumber);

  // The preference link is issued in the append's transaction (one commit); only its hash is stored.
  const link = newPreferenceToken();
  let receipt: Receipt;
  try {
    receipt = await append(
      db,
      {
        workspaceId: form.workspace.id,
        phone,
        name: input.name,
        categories: input.categories,
        action: "opt_in",
        channel: "web",
        formVersionId: form.version.id,
        language: shownLanguage,
        evidence: { pageUrl },
        network: { ip: meta.ip ?? "unknown", userAgent: meta.userAgent ?? "unknown" },
        actor: { type: "person" },
        idempotencyKey: `web:${input.submissionId}`,
      },
      { preferenceTokenHash: link.hash, context: ledgerContextOf(form, shownLanguage) },
    );
  } catch (error) {
    if (error instanceof PhoneError) return fail({ phone: m.phone[error.problem] });
    // Anything else the ledger refuses means the page no longer matches the published form.
    if (error instanceof AppError) return fail({ form: m.reload }, m.reload);
    throw error;
  }
  const preferenceToken = await issueFollowUps(db, form, receipt, link.token);
  return { ok: true, receipt, language: shownLanguage, preferenceToken };
}

/** The number as the ledger keys it, or why it cannot be read. */
function readNumber(phone: string, country: string): { phone: string } | { problem: PhoneError["problem"] } {
  try {
    return { phone: normalizePhone(phone, country) };
  } catch (error) {
    if (error instanceof PhoneError) return { problem: error.problem };
    throw error;
  }
}

/**
 * A post to the hosted form `/f/{workspace}/{form}`: an unknown, draft or archived form (or one archived while the
 * page was open) answers "no longer available" in the language posted, and nothing is written. The form is read
 * through the instance's memory (FORM_CACHE_MS): an archive made on another instance takes effect here within it.
 */
export async function submitToHostedForm(
  db: Db,
  workspaceSlug: string,
  formSlug: string,
  data: FormData,
  meta: RequestMeta,
  pageUrl: string,
): Promise<WebOptInResult> {
  const form = await findPublishedFormCached(db, workspaceSlug, formSlug);
  // A keyword form without a web page takes no sign-up by post: its wording is the reply to the keyword.
  if (form && hasWebPage(form.form.channel, form.version.content)) return submitWebOptIn(db, form, data, meta, pageUrl);
  const raw = readForm(data);
  const message = messagesFor(raw.language ?? "en").errors.formGone;
  return { ok: false, state: { message, fields: { form: message }, values: echoValues(raw) } };
}

/**
 * What the receipt offers after a sign-up: the preference-centre link (only its hash is stored, so this is the
 * one moment it can be shown; it travels in the receipt's address) and, for double opt-in, a one-time code for
 * the "Confirm on WhatsApp" message. A first submission's link was stored with its events; a double submit
 * (a replay) gets a fresh one, as the receipt it shows has no other. Both come after the ledger commit: the
 * consent stands even if they fail.
 */
async function issueFollowUps(db: Db, form: PublishedForm, receipt: Receipt, issuedToken: string): Promise<string | null> {
  try {
    const wantsCode = form.version.content.askConfirmation && Boolean(form.workspace.whatsappNumber);
    if (wantsCode && !(await findOpenConfirmationForCommand(db, form.workspace.id, receipt.commandId))) {
      await createConfirmationCode(db, {
        workspaceId: form.workspace.id,
        contactId: receipt.contactId,
        commandId: receipt.commandId,
        categoryKeys: receipt.events.map((e) => e.categoryKey),
      });
    }
    return receipt.replayed ? await issuePreferenceToken(db, form.workspace.id, receipt.contactId) : issuedToken;
  } catch (error) {
    console.error("could not issue the receipt's preference link or confirmation code", error);
    return null;
  }
}
