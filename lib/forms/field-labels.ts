/**
 * What the form builder calls each field of a form version (components/forms/), and so what the versions page calls
 * it (version-diff-labels.ts): one place, so a field reads the same to whoever edited it and whoever reviews the
 * change. The builder adds its hints after the label ("Introduction (optional)"); the versions page joins the parts
 * of a path with › ("English › Offers › How often").
 */
export const formFieldLabels = {
  /** Set in Settings → Profile (labelled the same there) and kept in each version. */
  businessName: "Business name",
  privacyPolicyUrl: "Privacy policy link",
  defaultLanguage: "Shown when the visitor's language is not offered",
  categoryKeys: "Kinds of message offered",
  askConfirmation: "Ask people to confirm on WhatsApp",
  keyword: "Keyword people send to opt in",
  theme: "Colours",
  ivrKeys: "Key that means yes",
} as const;

/** The two colours under "Colours". */
export const themeFieldLabels = { accent: "Accent", background: "Page background" } as const;

/** A language's wording. */
export const wordingFieldLabels = {
  headline: "Headline",
  intro: "Introduction",
  benefits: "Benefits",
  consent: "Consent sentence",
  howToStop: "How to stop",
  submitLabel: "Button label",
  reply: "Reply the person receives",
  replyIntro: "Reply › Opening",
  replyOutro: "Reply › Closing",
  ivrIntro: "Opening of the call",
} as const;

/** One category's wording in a language. */
export const categoryFieldLabels = {
  label: "Name",
  frequency: "How often",
  description: "What these messages are",
  example: "An example message",
} as const;
