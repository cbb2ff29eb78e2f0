import { contrastRatio, MIN_TEXT_CONTRAST } from "../workspace/contrast";
import { keywordReply, smsSegments, stopWordsFor, whatsappLimits } from "./channel-wording";
import type { FormVersionContent } from "../db/schema/form-content";
import type { PolicyCheck, PolicyContext } from "./policy-check";
import { mentions, squash, whatsappNames } from "./policy-text";

type Check = Omit<PolicyCheck, "passed">;

/** An SMS reply may run to this many messages: more is costly and reads as spam. */
export const MAX_SMS_SEGMENTS = 3;

/** The page colours whose text must stay readable: the page's secondary grey and the default background. */
export const pageGrey = "#475569";
export const defaultBackground = "#f8fafc";

const ratio = (n: number) => `${(Math.floor(n * 100) / 100).toFixed(2)}:1`;

/** The colour pairs of the consumer pages, each with the contrast it has under this theme. */
export function themeContrasts(accent: string, background: string) {
  return [
    { what: "the button's white text on the accent colour", ratio: contrastRatio("#ffffff", accent) },
    { what: "the business name and links in the accent colour on the background", ratio: contrastRatio(accent, background) },
    { what: "grey small print on the background", ratio: contrastRatio(pageGrey, background) },
  ];
}

/**
 * What a WhatsApp keyword form records while no reply can be sent: said plainly before publishing (and again when
 * it is published), since the person will get no wording and the record must not pretend they did.
 */
export const noReplyWarning =
  "No WhatsApp access token is set (Settings → Channels), so no reply can be sent. Until one is, a person who sends the keyword is recorded as opted in at single level from the keyword alone, and their record says no wording was sent.";
/** The same, for a form with several categories: the keyword records nothing, since the choices cannot be sent. */
export const noChoicesWarning =
  "No WhatsApp access token is set (Settings → Channels), so no reply can be sent. With several kinds of message the reply is where people choose, so until a token is set the keyword records nothing at all.";
const noReplyCheck = (several: boolean): Check => ({
  id: "reply-sendable",
  title: "The reply can be sent",
  severity: "warning",
  why: "The reply carries the form's wording; without it the person agreed to words they were never sent.",
  problems: [several ? noChoicesWarning : noReplyWarning],
});

const isKeywordChannel = (channel: string | undefined): channel is "sms" | "whatsapp" => channel === "sms" || channel === "whatsapp";

/**
 * "Each kind of message has its own choice", as a keyword form must meet it: one category, which the keyword opts
 * in to, or a reply that asks per category. Each choice opts in to its category's consent sentence, so the reply
 * must carry every one of them (a reply of the marketer's own that leaves one out cannot be chosen honestly), the
 * choices must fit what the channel can show, and no two may read the same once cut to fit.
 */
export function keywordChoiceProblems(content: FormVersionContent, channel: string | undefined, langName: (lang: string) => string): string[] {
  if (!isKeywordChannel(channel) || content.categoryKeys.length <= 1) return [];
  const problems: string[] = [];
  if (channel === "whatsapp" && content.categoryKeys.length > whatsappLimits.listRows) {
    problems.push(`WhatsApp shows at most ${whatsappLimits.listRows} choices in one message; this form has ${content.categoryKeys.length} kinds of message.`);
  }
  for (const lang of Object.keys(content.languages)) {
    const wording = content.languages[lang]!;
    const reply = keywordReply(content, lang, channel);
    const label = (key: string) => wording.categories?.[key]?.label?.trim() || key;
    const missing = content.categoryKeys.filter((k) => wording.consent[k]?.trim() && !squash(reply.body).includes(squash(wording.consent[k]!)));
    if (missing.length > 0) {
      problems.push(
        `${langName(lang)}: the reply leaves out the consent sentence for ${missing.map(label).join(", ")}. Each choice opts in to its own sentence, so the reply must carry every one (or leave the reply empty to send them all).`,
      );
    }
    const seen = new Map<string, string>();
    for (const c of reply.choices) {
      const other = seen.get(squash(c.label));
      if (other)
        problems.push(`${langName(lang)}: the choices for ${label(other)} and ${label(c.categoryKey)} both read "${c.label}"; give them names that differ.`);
      else seen.set(squash(c.label), c.categoryKey);
    }
  }
  return problems;
}

/** Choice labels WhatsApp would cut: said before publishing, since the person reads the cut label. */
function cutLabelProblems(content: FormVersionContent, langName: (lang: string) => string): string[] {
  if (content.categoryKeys.length <= 1) return [];
  return Object.keys(content.languages).flatMap((lang) => {
    const wording = content.languages[lang]!;
    const reply = keywordReply(content, lang, "whatsapp");
    const max = reply.format === "list" ? whatsappLimits.rowTitle : whatsappLimits.buttonTitle;
    return reply.choices
      .filter((c) => c.cut)
      .map(
        (c) =>
          `${langName(lang)}: "${wording.categories?.[c.categoryKey]?.label?.trim()}" is cut to "${c.label}" (${max} characters at most); a shorter name reads better.`,
      );
  });
}

/**
 * The checks that depend on the channel (what an SMS or WhatsApp reply and an IVR menu must say) and on the
 * form's own colours. Each keeps the policy's aim: the person is told who, that it is WhatsApp, and how to stop.
 */
export function channelPolicyChecks(content: FormVersionContent, ctx: PolicyContext, langName: (lang: string) => string): Check[] {
  const languages = Object.keys(content.languages);
  const channel = ctx.channel ?? "web";
  const checks: Check[] = [];

  if (content.theme) {
    const low = themeContrasts(content.theme.accent, content.theme.background).filter((c) => c.ratio < MIN_TEXT_CONTRAST);
    checks.push({
      id: "colours",
      title: "The colours are readable",
      severity: "required",
      why: `Text must keep a contrast of at least ${MIN_TEXT_CONTRAST}:1 with what is behind it (WCAG 2.2 AA), or people cannot read what they agree to.`,
      problems: low.map((c) => `${c.what}: ${ratio(c.ratio)}, needs ${MIN_TEXT_CONTRAST}:1.`),
    });
  }

  if (channel === "sms" || channel === "whatsapp") {
    checks.push({
      id: "keyword",
      title: "People have a word to send",
      severity: "required",
      why: "A keyword form is reached only by its keyword, e.g. JOIN.",
      problems: content.keyword ? [] : ["Choose the keyword people send to opt in."],
    });
    const several = content.categoryKeys.length > 1;
    if (channel === "whatsapp" && ctx.canReply === false) checks.push(noReplyCheck(several));
    // What is really sent: with several categories, the wording and how to choose.
    const replies = languages.map((lang) => ({ lang, text: keywordReply(content, lang, channel).body }));
    if (channel === "whatsapp" && several) {
      checks.push({
        id: "choice-labels",
        title: "Each choice's name fits its button",
        severity: "warning",
        why: `WhatsApp cuts a button's name at ${whatsappLimits.buttonTitle} characters (a list row's at ${whatsappLimits.rowTitle}); people choose by the name they see.`,
        problems: cutLabelProblems(content, langName),
      });
    }
    checks.push({
      id: "reply",
      title: "The reply names the business, WhatsApp and how to stop",
      severity: "required",
      why: "The reply is the opt-in: it must say who will message, that it is on WhatsApp, and how to stop.",
      problems: replies.flatMap(({ lang, text }) => [
        ...(!mentions(text, ctx.businessName) ? [`${langName(lang)}: the reply does not name ${ctx.businessName}.`] : []),
        ...(!whatsappNames.some((n) => mentions(text, n)) ? [`${langName(lang)}: the reply does not say WhatsApp.`] : []),
        ...(channel === "sms" && !/\bSTOP\b/.test(text) ? [`${langName(lang)}: the reply does not say to text STOP (carriers require it).`] : []),
        ...(channel === "whatsapp" && !stopWordsFor(lang).some((w) => text.toLocaleUpperCase().includes(w.toLocaleUpperCase()))
          ? [`${langName(lang)}: the reply does not say which word stops the messages (${stopWordsFor(lang).join(" or ")}).`]
          : []),
      ]),
    });
    checks.push(
      channel === "sms"
        ? {
            id: "reply-length",
            title: `The reply fits in ${MAX_SMS_SEGMENTS} text messages`,
            severity: "required",
            why: "Long replies arrive in pieces, cost more and read as spam. A text in Latin letters fits 160 characters a message (153 when split); one with other scripts or emoji, 70 (67).",
            problems: replies.flatMap(({ lang, text }) => {
              const s = smsSegments(text);
              return s.segments > MAX_SMS_SEGMENTS ? [`${langName(lang)}: ${s.segments} messages (${s.units} ${s.encoding} characters).`] : [];
            }),
          }
        : {
            id: "reply-length",
            title: "The reply fits in one WhatsApp message",
            severity: "required",
            // A plain text may run to 4,096, but a keyword reply is held to the body of a message with buttons
            // whatever its categories, so the same wording can always be sent with choices (lib/forms/keyword-reply.ts).
            why: `A WhatsApp message with choices holds at most ${whatsappLimits.body.toLocaleString("en")} characters of text; a keyword's reply is held to it.`,
            problems: replies
              .filter(({ text }) => text.length > whatsappLimits.body)
              .map(({ lang, text }) => `${langName(lang)}: ${text.length.toLocaleString("en")} characters.`),
          },
    );
  }

  if (channel === "ivr") {
    const keys = content.categoryKeys.map((k) => ({ key: k, digit: content.ivrKeys?.[k] ?? "" }));
    const label = (key: string) => ctx.categories.find((c) => c.key === key)?.label ?? key;
    const taken = new Map<string, string>();
    const problems: string[] = [];
    for (const { key, digit } of keys) {
      if (!/^[1-9]$/.test(digit)) problems.push(`${label(key)}: choose the key (1 to 9) that means yes.`);
      else if (taken.has(digit)) problems.push(`${label(key)} and ${taken.get(digit)} both use key ${digit}; give each its own.`);
      else taken.set(digit, label(key));
    }
    checks.push({
      id: "ivr-keys",
      title: "Each kind of message has its own key",
      severity: "required",
      why: "The caller opts in to each kind separately, by pressing its key after hearing its consent sentence.",
      problems,
    });
  }
  return checks;
}
