/** The channels a form can be published on (mirrors the form_channel enum). */
export const formChannels = ["web", "sms", "whatsapp", "ivr", "paper"] as const;
export type FormChannel = (typeof formChannels)[number];

/** What a form is for, per channel, in the words a marketer uses. */
export const formChannelLabels: Record<FormChannel, { label: string; hint: string }> = {
  web: { label: "Web page", hint: "A hosted page (or an embed on your site) with a checkbox per kind of message." },
  sms: { label: "SMS keyword", hint: "People text a keyword; the reply carries the consent wording." },
  whatsapp: { label: "WhatsApp keyword", hint: "People message a keyword to your WhatsApp number." },
  ivr: { label: "Phone (IVR)", hint: "The script your phone menu reads out before the caller presses a key." },
  paper: { label: "Paper form", hint: "A printed form people sign in person; staff record it afterwards." },
};

/** Channels whose forms are reached by a keyword people send, and answered with a reply. */
export function keywordChannel(channel: string): channel is "sms" | "whatsapp" {
  return channel === "sms" || channel === "whatsapp";
}
