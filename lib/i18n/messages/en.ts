import type { PhoneProblem } from "../../phone/problem";

/**
 * The consumer pages' own words (not the form's wording, which lives in the form version). English defines the
 * keys; every other language must satisfy `Messages`, so a missing string fails the type check.
 * Strings under `form` are passed to a client component, so they stay plain strings.
 */
export const en = {
  languageName: "English",
  languageSwitcher: "Language",
  form: {
    chooseHeading: "What would you like to get on WhatsApp?",
    chooseHint: "Choose each kind separately. Nothing is chosen for you.",
    forExample: "For example:",
    phoneLabel: "Your WhatsApp number",
    phoneHint: "Numbers starting with + use their own country code.",
    countryLabel: "Country",
    nameLabel: "Your name",
    optional: "(optional)",
    submitting: "Signing you up…",
    chooseToContinue: "Choose at least one kind of message to sign up.",
  },
  errors: {
    phone: {
      required: "Enter a phone number.",
      not_a_number: "This does not look like a phone number.",
      invalid_country: "Add the country code (for example +1), or choose the country.",
      too_short: "This phone number is too short.",
      too_long: "This phone number is too long.",
      invalid_length: "This phone number has the wrong number of digits.",
      invalid_for_country: "This is not a valid phone number for its country.",
      not_mobile: "This is a landline or service number; WhatsApp needs a mobile number.",
    } satisfies Record<PhoneProblem, string>,
    checkFields: "Please check the highlighted fields.",
    chooseCategory: "Choose at least one kind of message.",
    chooseCountry: "Choose a country.",
    nameTooLong: "Use at most 200 characters for your name.",
    reload: "This page is out of date. Please reload it and try again.",
    notRecorded: "Your sign-up was not recorded. Please fill in the form again.",
    formGone: "This sign-up form is no longer available.",
    tooManyFromNetwork: "Too many attempts from this network. Please wait a few minutes and try again.",
    throttledTitle: "Please wait a moment",
    backToForm: "Back to the sign-up form",
    tooManyForNumber: "This number was signed up several times just now. Please try again in an hour.",
    refused: "We could not accept this sign-up.",
    unexpected: "Something went wrong on our side. Nothing was saved; please try again.",
  },
  page: {
    /** The number is the workspace's WhatsApp number, formatted for people; null when none is set. */
    messagesFrom: (legalName: string, number: string | null) =>
      number
        ? `Messages will come from ${legalName} on WhatsApp at ${number}. How often depends on the kinds you choose.`
        : `Messages come from ${legalName} on WhatsApp. How often depends on the kinds you choose.`,
    privacyPolicy: "Read the privacy policy",
  },
  receipt: {
    title: "Your WhatsApp sign-up",
    heading: "You’re signed up",
    numberLabel: "WhatsApp number",
    numberErased: "(erased)",
    notYours: "Not your number? Stop these messages with your personal link below, then sign up again with the right number.",
    agreed: (when: string, business: string) => `On ${when} (UTC), this number agreed to get these messages from ${business} on WhatsApp:`,
    fromNumber: (business: string, number: string) => `Messages come from ${business} on WhatsApp at ${number}.`,
    howOften: (frequency: string) => `How often: ${frequency}`,
    /** Shown with JavaScript only, beside the UTC time: the browser knows its time zone, the server does not. */
    localTime: "Your time:",
    confirmHeading: "One more step: confirm on WhatsApp",
    confirmText: (business: string) => `Send the prepared message to ${business} on WhatsApp, so they know this number is really yours.`,
    confirmButton: "Confirm on WhatsApp",
    confirmMessage: (business: string, code: string) => `Confirm my sign-up to ${business}. Code: ${code}`,
    preferencesHeading: "Change your mind at any time",
    preferencesText: "Use your personal link to stop some or all of these messages. Keep it private: anyone with it can change your choices.",
    preferencesLink: "Manage my WhatsApp messages",
    recordLabel: "Record",
    keepAddress: "Keep this page’s address as your receipt.",
    erased:
      "This person’s details were erased at their request. They were opted out of every kind of message, the number is no longer kept, and this receipt can no longer confirm the sign-up or change any choices.",
  },
  preferences: {
    title: "Your WhatsApp messages",
    heading: (business: string) => `Your WhatsApp messages from ${business}`,
    intro: (phone: string) => `Choices for the number ${phone}. Changes take effect at once.`,
    state: { opted_in: "You get these", opted_out: "Stopped", never: "Not signed up" },
    stop: "Stop these messages",
    resume: "Get these messages again",
    subscribe: "Get these messages",
    resumeSentence: "By choosing this you agree:",
    noWording: "To sign up for these again, use the business’s sign-up page.",
    stopAllHeading: "Stop everything",
    stopAll: (business: string) => `Stop all messages from ${business}`,
    stopAllText: "One step: every kind of message stops at once.",
    nothingToStop: "You are not getting any messages from this business.",
    saved: "Saved. Your choices are up to date.",
    savedStopped: "Saved. Those messages have stopped.",
    stale: "This page was out of date. Here are your current choices; please try again.",
    tooMany: "Too many changes just now. Please wait a few minutes and try again.",
    invalid: "That choice is not available. Here are your current choices.",
    howToStop: (business: string, number: string | null) =>
      number
        ? `You can also reply STOP to ${business} on WhatsApp at ${number} at any time.`
        : `You can also reply STOP to ${business} on WhatsApp at any time.`,
  },
  whatsapp: {
    stoppedAll: (business: string) => `You will not get any more messages from ${business} on WhatsApp.`,
    stoppedOne: (kind: string, business: string) => `You will not get "${kind}" messages from ${business} on WhatsApp.`,
    help: (business: string, stopWords: string, example: string, join: string | null) =>
      `${business}: reply ${stopWords} to stop all messages, or the word and a kind of message (e.g. ${example}) to stop just that kind.${join ? ` Reply ${join} to sign up.` : ""}`,
  },
  sms: {
    stoppedAll: (business: string) => `${business}: you are unsubscribed and will get no more messages. Reply START to resubscribe.`,
    stoppedOne: (kind: string, business: string) => `${business}: you will get no more "${kind}" messages.`,
    resumed: (business: string) => `${business}: you are subscribed again to what you had stopped by text. Reply STOP to stop.`,
    nothingToResume: (business: string) => `${business}: there is nothing to restart. Reply HELP for help.`,
  },
  inbound: {
    /** A choice answered a keyword's question: what was recorded. */
    choiceRecorded: (kinds: string, business: string) => `${business}: you will get ${kinds} messages on WhatsApp. Send STOP at any time to stop.`,
    /** A button whose choice is not (or no longer) offered: nothing recorded. */
    choiceUnknown: (business: string, join: string | null) =>
      `${business}: that choice is not offered any more, so nothing was recorded.${join ? ` Send ${join} to see the current choices.` : ""}`,
    /** A message that starts with a stop word but is not a stop command: nothing changed, and how to stop. */
    unclearStop: (business: string, word: string, example: string) =>
      `${business}: nothing has been changed yet. To stop all messages, send ${word} on its own. To stop one kind, send ${word} and its name, e.g. ${example}.`,
  },
  notFound: {
    title: "Page not found",
    heading: "This page is not available",
    formText: "This sign-up page does not exist or is no longer published. Check the address, or ask the business for a new link.",
    preferencesText: "This link does not work: it may be mistyped, or replaced by a newer one.",
    retiredLinkHeading: "This link no longer works",
    preferencesReplacedText: (business: string) =>
      `It was replaced by a newer one: each time you sign up with ${business} or ask for a new link, the older link stops working. Open the link in your most recent receipt or message from ${business}.`,
    preferencesErasedText: (business: string) =>
      `${business} erased your details at your request, so this link opens nothing any more. To get their messages again, sign up again on their form.`,
    stopText: "To stop messages, reply STOP to the business in your WhatsApp chat with them. It works at any time.",
    receiptText: "This receipt does not exist. Check the address you saved.",
    /** A keyword form's address: it has no web page, so say what to send, and where. */
    keywordHeading: "Sign up by sending a message",
    keywordSms: (b: string, k: string, n: string) =>
      `${b} does not sign people up on this page. To sign up, text ${k} to ${n}. The reply tells you what you agree to and how to stop.`,
    keywordWhatsApp: (b: string, k: string, n: string) =>
      `${b} does not sign people up on this page. To sign up, send ${k} to ${n} on WhatsApp. The reply tells you what you agree to and how to stop.`,
    keywordNoNumber: (b: string, k: string) =>
      `${b} does not sign people up on this page. To sign up, send ${k} to the number shown where you found this address.`,
    /** The same, as a poster's headline or the words a marketer hands out. */
    keywordCallSms: (k: string, n: string) => `Text ${k} to ${n}`,
    keywordCallWhatsApp: (k: string, n: string) => `Send ${k} on WhatsApp to ${n}`,
    keywordOpenSms: "Write the text message",
    keywordOpenWhatsApp: "Open WhatsApp",
  },
};

export type Messages = typeof en;
