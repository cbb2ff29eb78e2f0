"use client";
import Link from "next/link";
import type { UseFormRegister, UseFormSetValue } from "react-hook-form";
import { FieldFrame, controlClass } from "@/components/ui/field";
import type { FormVersionContent } from "@/lib/db/schema/form-content";
import { wordingFieldLabels } from "@/lib/forms/field-labels";
import { MAX_SMS_SEGMENTS } from "@/lib/forms/channel-policy";
import { keywordReply, keywordReplyParts } from "@/lib/forms/channel-wording";
import { replyLength, whatsappReplyTooLong } from "@/lib/forms/keyword-reply";
import { replyAgreementProblems } from "@/lib/forms/reply-agreement";
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

/** The reply as the draft would send it in `lang`: with several categories, the choices the person picks from. */
function sentReply(content: FormVersionContent, lang: string, channel: Channel) {
  const sent = keywordReply(content, lang, channel);
  return { body: sent.body, buttons: sent.format === "buttons" || sent.format === "list" ? sent.choices.map((c) => c.label) : [] };
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

type ReplyFieldProps = {
  id: string;
  path: string;
  label: string;
  hint: string;
  rows: number;
  error: string | undefined;
  register: UseFormRegister<BuilderState>;
  describedBy?: string;
};

function ReplyField({ id, path, label, hint, rows, error, register, describedBy }: ReplyFieldProps) {
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint}>
      {(aria) => (
        <textarea
          {...aria}
          aria-describedby={`${aria["aria-describedby"] ?? ""} ${describedBy ?? ""}`.trim() || undefined}
          rows={rows}
          {...register(path as never)}
          className={controlClass}
        />
      )}
    </FieldFrame>
  );
}

/**
 * One language of a keyword form: the reply the person receives. It always carries the consent sentences and how
 * to stop word for word, as the poster prints them; the marketer adds an opening and a closing around them. A
 * draft begun before that may still hold a whole reply of its own: it is shown, with what disagrees with the poster,
 * until it is emptied. Beside it, the conversation as the person will see it.
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
  const base = `content.languages.${lang}`;
  const sent = sentReply(content, lang, channel);
  const { legacy } = keywordReplyParts(content, lang);
  const wording = content.languages[lang];
  // What publishing would refuse, said as the marketer types (lib/forms/reply-agreement.ts), like the length.
  const live = replyAgreementProblems(content, lang, (key) => wording?.categories?.[key]?.label?.trim() || key);
  const liveError = (field: string) => live.find((p) => p.field === field)?.message;
  const errorOf = (field: string) => fieldError(`${base}.${field}`) ?? liveError(field);
  const length = replyLength(channel, sent.body);
  // The browser says so at once; the save is refused with the same words (lib/forms/keyword-reply.ts).
  const tooLong = fieldError(`${base}.reply`) ?? (length.channel === "whatsapp" && length.over ? whatsappReplyTooLong(length.characters) : undefined);
  const countId = `reply-${lang}-count`;
  const sentences = (content.categoryKeys ?? []).filter((k) => wording?.consent[k]?.trim());
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_18rem]">
      <section aria-labelledby={`reply-${lang}-heading`} className="min-w-0 space-y-3">
        <h3 id={`reply-${lang}-heading`} className="text-sm font-semibold text-slate-900">
          {wordingFieldLabels.reply}
        </h3>
        {legacy ? (
          <div className="space-y-2">
            <ReplyField
              id={`reply-${lang}`}
              path={`${base}.reply`}
              label="Your own whole reply (written before openings and closings)"
              hint="It replaces the consent sentences the poster prints, so it is published only if it carries each of them word for word."
              rows={6}
              error={errorOf("reply") ?? tooLong}
              register={register}
              describedBy={countId}
            />
            {!readOnly && (
              <button
                type="button"
                onClick={() => setValue(`${base}.reply` as never, "" as never, { shouldDirty: true })}
                className="text-sm font-medium text-brand-800 underline hover:no-underline"
              >
                Send the consent sentences as the poster prints them instead
              </button>
            )}
          </div>
        ) : (
          <>
            <ReplyField
              id={`reply-intro-${lang}`}
              path={`${base}.replyIntro`}
              label="Opening (optional)"
              hint="Your words before the consent sentences, e.g. a greeting."
              rows={2}
              error={errorOf("replyIntro")}
              register={register}
            />
            <div className="rounded-lg border border-slate-200 bg-slate-50 p-3 text-sm text-slate-700">
              <p className="font-medium text-slate-800">Then, word for word as the poster prints them:</p>
              <ul className="mt-1 list-disc space-y-0.5 pl-5">
                {sentences.map((k) => (
                  <li key={k}>the consent sentence for {wording?.categories?.[k]?.label?.trim() || k}</li>
                ))}
                {sentences.length > 1 && <li>how to choose (numbers, buttons or a list)</li>}
                <li>how to stop</li>
              </ul>
              <p className="mt-1 text-slate-600">Edit them above; the reply follows.</p>
            </div>
            <ReplyField
              id={`reply-outro-${lang}`}
              path={`${base}.replyOutro`}
              label="Closing (optional)"
              hint="Your words after how to stop, e.g. Msg & data rates may apply."
              rows={2}
              error={errorOf("replyOutro")}
              register={register}
              describedBy={countId}
            />
            {tooLong && <p className="text-sm text-red-700">{tooLong}</p>}
          </>
        )}
        <LengthNote id={countId} channel={channel} text={sent.body} />
      </section>
      <ConversationPreview channel={channel} businessNumber={business.number} keyword={content.keyword ?? ""} lang={lang} reply={sent} />
    </div>
  );
}
