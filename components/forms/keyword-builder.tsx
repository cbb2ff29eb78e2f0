"use client";
import Link from "next/link";
import type { UseFormRegister, UseFormSetValue } from "react-hook-form";
import { FieldFrame, controlClass } from "@/components/ui/field";
import type { FormVersionContent } from "@/lib/db/schema/form-content";
import { wordingFieldLabels } from "@/lib/forms/field-labels";
import { MAX_SMS_SEGMENTS } from "@/lib/forms/channel-policy";
import { keywordReply, keywordReplyText } from "@/lib/forms/channel-wording";
import { replyLength, whatsappReplyTooLong } from "@/lib/forms/keyword-reply";
import { ConversationPreview } from "./conversation-preview";
import { type BuilderState, KeywordField } from "./channel-fields";

type FieldError = (path: string) => string | undefined;
type Channel = "sms" | "whatsapp";

/** Where the number people write to is set: the SMS number on Settings → Channels, the WhatsApp number in the profile. */
export type BusinessNumber = { number: string | null; settingsHref: string; settingsLabel: string };

const channelName = { sms: "SMS", whatsapp: "WhatsApp" } as const;

/**
 * The part of an SMS or WhatsApp keyword form that is the same in every language: the number people write to, the
 * keyword, and whether the form also gets a web sign-up page (off by default: the keyword is the way in).
 */
export function KeywordSetup({
  channel,
  register,
  fieldError,
  liveKeyword,
  business,
}: {
  channel: Channel;
  register: UseFormRegister<BuilderState>;
  fieldError: FieldError;
  liveKeyword: string | null;
  business: BusinessNumber;
}) {
  return (
    <div className="space-y-4">
      <div className="rounded-lg border border-slate-200 bg-slate-50 p-3 text-sm">
        <p className="font-medium text-slate-800">Number people write to ({channelName[channel]})</p>
        {business.number ? (
          <p className="mt-0.5 font-mono text-slate-900">{business.number}</p>
        ) : (
          <p className="mt-0.5 text-red-700">
            No {channelName[channel]} number is set yet, so nobody can be told where to send the keyword. Add it in{" "}
            <Link href={business.settingsHref} className="font-medium underline hover:no-underline">
              {business.settingsLabel}
            </Link>
            .
          </p>
        )}
      </div>
      <KeywordField register={register} fieldError={fieldError} live={liveKeyword} />
      <label className="flex items-start gap-2 rounded-lg border border-slate-200 p-3 text-sm">
        <input type="checkbox" className="mt-0.5 h-4 w-4" {...register("content.webPage")} />
        <span>
          <span className="block font-medium text-slate-900">Also publish a web sign-up page</span>
          <span className="text-slate-600">
            Off: the form's address answers not-found and tells people to send the keyword. On: it also shows a page with a checkbox per kind of message.
          </span>
        </span>
      </label>
    </div>
  );
}

/**
 * The reply as the draft would send it in `lang` (with several categories, the choices the person picks from: buttons
 * or a list on WhatsApp, numbered on SMS, lib/forms/channel-wording.ts), and the text of the marketer's reply field
 * if their own were left empty.
 */
function replies(content: FormVersionContent, lang: string, channel: Channel) {
  const wording = content.languages[lang];
  const withoutOwn = wording ? { ...content, languages: { ...content.languages, [lang]: { ...wording, reply: undefined } } } : content;
  const sent = keywordReply(content, lang, channel);
  return {
    sent: { body: sent.body, buttons: sent.format === "buttons" || sent.format === "list" ? sent.choices.map((c) => c.label) : [] },
    standard: keywordReplyText(withoutOwn, lang),
  };
}

/** The reply's length in the channel's terms: SMS messages and encoding, or WhatsApp characters out of 1,024. */
function LengthNote({ id, channel, text }: { id: string; channel: Channel; text: string }) {
  const length = replyLength(channel, text);
  const over = length.channel === "sms" ? length.segments > MAX_SMS_SEGMENTS : length.over;
  return (
    <p id={id} aria-live="polite" className={`mt-1 text-sm ${over ? "font-medium text-red-700" : "text-slate-600"}`}>
      {length.channel === "sms"
        ? `${length.units} characters, ${length.encoding}: ${length.segments} text message${length.segments === 1 ? "" : "s"} (at most ${MAX_SMS_SEGMENTS}).`
        : `${length.characters.toLocaleString("en")} of ${length.max.toLocaleString("en")} characters.`}
    </p>
  );
}

/**
 * One language of a keyword form: the reply the person receives (the marketer's own, or the standard one made of
 * the consent sentences and how to stop), its length, and the conversation as the person will see it.
 */
export function KeywordReply({
  channel,
  register,
  setValue,
  content,
  lang,
  fieldError,
  business,
  readOnly,
}: {
  channel: Channel;
  register: UseFormRegister<BuilderState>;
  setValue: UseFormSetValue<BuilderState>;
  content: FormVersionContent;
  lang: string;
  fieldError: FieldError;
  business: BusinessNumber;
  readOnly: boolean;
}) {
  const path = `content.languages.${lang}.reply` as const;
  const id = `reply-${lang}`;
  const { sent, standard } = replies(content, lang, channel);
  const own = Boolean(content.languages[lang]?.reply?.trim());
  const length = replyLength(channel, sent.body);
  // The browser says so at once; the save is refused with the same words (lib/forms/keyword-reply.ts).
  const error = fieldError(path) ?? (length.channel === "whatsapp" && length.over ? whatsappReplyTooLong(length.characters) : undefined);
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_18rem]">
      <div>
        <FieldFrame
          id={id}
          label={wordingFieldLabels.reply}
          error={error}
          hint={
            own
              ? "Your own reply. It must name the business and WhatsApp and say how to stop."
              : "Empty: the standard reply is sent (the consent sentences above and how to stop), as the preview shows."
          }
        >
          {(aria) => (
            <>
              <textarea
                {...aria}
                aria-describedby={`${aria["aria-describedby"] ?? ""} ${id}-count`.trim()}
                rows={6}
                {...register(path as never)}
                className={controlClass}
              />
              <LengthNote id={`${id}-count`} channel={channel} text={sent.body} />
            </>
          )}
        </FieldFrame>
        {!readOnly && !own && standard && (
          <button
            type="button"
            onClick={() => setValue(path as never, standard as never, { shouldDirty: true })}
            className="mt-2 text-sm font-medium text-brand-800 underline hover:no-underline"
          >
            Edit the standard reply
          </button>
        )}
      </div>
      <ConversationPreview channel={channel} businessNumber={business.number} keyword={content.keyword ?? ""} lang={lang} reply={sent} />
    </div>
  );
}
