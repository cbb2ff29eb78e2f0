import type { FormVersionContent } from "../db/schema/form-content";
import { channelPolicyChecks, keywordChoiceProblems } from "./channel-policy";
import { mentions, squash, whatsappNames } from "./policy-text";
import { formLanguageNames, isFormLanguage } from "./languages";
import { untranslatedConsent } from "./policy-language";
import { placeholderProblems } from "./policy-placeholders";
import { fieldLabel, unconfirmedDrift } from "./translation-drift";
import type { PolicyCheck, PolicyContext } from "./policy-check";
import { hasWebPage } from "./web-page";

export type { PolicyCheck, PolicyContext };

/**
 * The WhatsApp opt-in policy as checks a marketer can read: each says what the policy asks, whether this form
 * meets it, and, when not, exactly where. Required checks block publishing; warnings are advice. Runs in the
 * browser (the builder's live panel) and on the server (publishing), so both always agree.
 */
export function checkFormPolicy(content: FormVersionContent, ctx: PolicyContext): PolicyCheck[] {
  const languages = Object.keys(content.languages);
  const label = (key: string) => ctx.categories.find((c) => c.key === key)?.label ?? key;
  const langName = (lang: string) => (isFormLanguage(lang) ? formLanguageNames[lang] : lang);
  const sentences = languages.flatMap((lang) =>
    content.categoryKeys.map((key) => ({ lang, key, text: content.languages[lang]?.consent[key] ?? "", where: `${langName(lang)}, ${label(key)}` })),
  );
  const check = (c: Omit<PolicyCheck, "passed">): PolicyCheck => ({ ...c, passed: c.problems.length === 0 });

  return [
    check({
      id: "business-name",
      title: "The business is named",
      severity: "required",
      why: "People must be told clearly which business they will get messages from.",
      problems: !ctx.businessName.trim()
        ? ["Set the business name in Settings, Business profile."]
        : sentences
            .filter((s) => s.text.trim() && !mentions(s.text, ctx.businessName))
            .map((s) => `${s.where}: the consent sentence does not name ${ctx.businessName}.`),
    }),
    check({
      id: "whatsapp-named",
      title: "WhatsApp is named",
      severity: "required",
      why: "People must know the messages come on WhatsApp.",
      problems: sentences
        .filter((s) => s.text.trim() && !whatsappNames.some((n) => mentions(s.text, n)))
        .map((s) => `${s.where}: the consent sentence does not say WhatsApp.`),
    }),
    check({
      id: "categories-separate",
      title: "Each kind of message has its own choice",
      severity: "required",
      why:
        ctx.channel === "sms" || ctx.channel === "whatsapp"
          ? "A keyword opts in to one kind of message at most: with several, the reply asks which, one choice per kind, and each choice is its own opt-in to its own sentence."
          : "A separate, unticked box per category lets people choose what they want, so fewer block the business.",
      problems: [
        ...(content.categoryKeys.length === 0 ? ["Choose at least one message category."] : []),
        ...keywordChoiceProblems(content, ctx.channel, langName),
        ...languages.flatMap((lang) => {
          const texts = content.categoryKeys.map((k) => squash(content.languages[lang]?.consent[k] ?? "")).filter(Boolean);
          return new Set(texts).size < texts.length ? [`${langName(lang)}: two categories share the same consent sentence; say what each one is.`] : [];
        }),
      ],
    }),
    check({
      id: "opt-out",
      title: "How to stop is explained",
      severity: "required",
      why: "People must be able to opt out easily, per category, and the form must say how.",
      problems: languages.filter((lang) => !content.languages[lang]?.howToStop.trim()).map((lang) => `${langName(lang)}: add how to stop, e.g. reply STOP.`),
    }),
    check({
      id: "privacy-link",
      title: "The privacy policy is linked",
      severity: "required",
      why: "Opt-in must comply with the law, which asks that people can read how their data is used.",
      problems: content.privacyPolicyUrl ? [] : ["Add the link to your privacy policy."],
    }),
    check({
      id: "languages-complete",
      title: "Every language is complete",
      severity: "required",
      why: "A person must read the whole form, and the exact consent text, in the language they chose.",
      problems: [
        ...(languages.length === 0 ? ["Add at least one language."] : []),
        ...(!content.languages[content.defaultLanguage] ? [`The default language, ${langName(content.defaultLanguage)}, has no wording.`] : []),
        ...languages.flatMap((lang) => missingIn(content, lang).map((what) => `${langName(lang)}: ${what} is empty.`)),
      ],
    }),
    check({
      id: "consent-in-language",
      title: "Each consent sentence is in its own language",
      severity: "required",
      why: "People agree to the sentence they read: it must be wholly in the language they chose, category names included.",
      problems: untranslatedConsent(content, ctx.categories, ctx.businessName, langName, label),
    }),
    check({
      id: "translated",
      title: "Each language is translated",
      severity: "warning",
      why: "Text left in another language reads as careless, and people may not understand what they agree to.",
      problems: languages
        .filter((lang) => lang !== content.defaultLanguage && content.languages[content.defaultLanguage])
        .flatMap((lang) => {
          const same = untranslated(content, lang);
          return same.length
            ? [`${langName(lang)}: ${same.join(", ")} still ${same.length === 1 ? "reads" : "read"} as in ${langName(content.defaultLanguage)}.`]
            : [];
        }),
    }),
    check({
      id: "translations-in-step",
      title: "The languages say the same",
      severity: "warning",
      why: "Each language must promise what the others do: a frequency changed in one and not another tells people different things.",
      problems: ctx.live
        ? unconfirmedDrift(ctx.live.content, content, ctx.translationChecks).map(
            (d) =>
              `${langName(d.language)}, ${fieldLabel(d.field, label)}: changed in ${d.changedIn.map(langName).join(" and ")} since version ${ctx.live!.version}; check the translation.`,
          )
        : [],
    }),
    ...channelPolicyChecks(content, ctx, langName).map(check),
    check({
      id: "business-number",
      title: "The number messages come from is given",
      severity: "warning",
      why: "People should know which number will message them, and where to reply STOP; the hosted form and receipt show it when it is set.",
      // Only a web page shows it: a keyword form's person is already in the conversation with the number.
      problems:
        ctx.whatsappNumber === null && hasWebPage(ctx.channel ?? "web", content)
          ? ["Set the WhatsApp number in Settings, Business profile: until then the form and receipt say who will message, but not from which number."]
          : [],
    }),
    check({
      id: "placeholders",
      title: "No example or placeholder is left",
      severity: "warning",
      why: "A fictional number, an example.com link or filler text sends people nowhere, and reads as a form not meant for them.",
      problems: placeholderProblems(content, {
        businessNumber: ctx.whatsappNumber,
        langName,
        categoryLabel: label,
      }),
    }),
    // Benefits are listed on the web page: a keyword or IVR form without one has nowhere to show them.
    ...(hasWebPage(ctx.channel ?? "web", content) ? [check(benefitsCheck(content, languages, langName))] : []),
  ];
}

/** Advice: a page that says what people gain gets opt-ins that stay. */
function benefitsCheck(content: FormVersionContent, languages: string[], langName: (lang: string) => string): Omit<PolicyCheck, "passed"> {
  return {
    id: "benefits",
    title: "The benefits are given",
    severity: "warning",
    why: "Saying what people gain (early offers, delivery updates) brings opt-ins that stay.",
    problems: languages
      .filter((lang) => (content.languages[lang]?.benefits ?? []).filter((b) => b.trim()).length === 0)
      .map((lang) => `${langName(lang)}: list at least one benefit.`),
  };
}

/** The texts of a language that are word for word those of the default language. */
function untranslated(content: FormVersionContent, lang: string): string[] {
  const base = content.languages[content.defaultLanguage]!;
  const w = content.languages[lang]!;
  const same = (a?: string, b?: string) => Boolean(a?.trim()) && squash(a!) === squash(b ?? "");
  const out: string[] = [];
  if (same(w.headline, base.headline)) out.push("the headline");
  for (const key of content.categoryKeys) {
    const t = w.categories?.[key];
    const b = base.categories?.[key];
    const fields = (["label", "description", "example", "frequency"] as const).filter((f) => same(t?.[f], b?.[f]));
    if (fields.length) out.push(`${key} (${fields.join(", ")})`);
  }
  return out;
}

function missingIn(content: FormVersionContent, lang: string): string[] {
  const w = content.languages[lang];
  if (!w) return ["everything"];
  const out: string[] = [];
  if (!w.headline.trim()) out.push("the headline");
  if (!w.submitLabel.trim()) out.push("the button label");
  for (const key of content.categoryKeys) {
    if (!w.consent[key]?.trim()) out.push(`the consent sentence for ${key}`);
    if (!w.categories?.[key]?.label.trim()) out.push(`the name of ${key}`);
  }
  return out;
}

/** The checks that stop a publish. */
export const publishBlockers = (checks: PolicyCheck[]) => checks.filter((c) => c.severity === "required" && !c.passed);
