/** What the business sends back: the text, and on WhatsApp the quick-reply buttons under it (none: a plain text). */
export type ReplyPreview = { body: string; buttons: string[] };

const look = {
  sms: { screen: "bg-white", person: "bg-sky-600 text-white", business: "bg-slate-200 text-slate-900", title: "Text messages" },
  whatsapp: { screen: "bg-[#efeae2]", person: "bg-[#d9fdd3] text-slate-900", business: "bg-white text-slate-900", title: "WhatsApp" },
} as const;

/**
 * A keyword form as the person lives it: their message with the keyword, then the business's reply, drawn like
 * the phone's own thread. Built from the draft in the browser, so it follows every keystroke.
 */
export function ConversationPreview({
  channel,
  businessNumber,
  keyword,
  lang,
  reply,
}: {
  channel: "sms" | "whatsapp";
  businessNumber: string | null;
  keyword: string;
  lang: string;
  reply: ReplyPreview;
}) {
  const style = look[channel];
  return (
    <figure aria-label="Conversation preview" className="min-w-0 overflow-hidden rounded-2xl border border-slate-300 shadow-sm">
      <figcaption className="border-b border-slate-200 bg-slate-50 px-3 py-2 text-xs text-slate-600">
        {style.title} · {businessNumber ?? "your number (not set)"}
      </figcaption>
      <div className={`space-y-2 p-3 ${style.screen}`} lang={lang}>
        <p className="sr-only">The person sends:</p>
        <div className="flex justify-end">
          <p className={`max-w-[85%] rounded-2xl px-3 py-2 font-mono text-sm ${style.person}`}>{keyword || "KEYWORD"}</p>
        </div>
        <p className="sr-only">The business replies:</p>
        <div className="max-w-[85%]">
          <p className={`whitespace-pre-wrap break-words rounded-2xl px-3 py-2 text-sm shadow-sm ${style.business}`}>{reply.body}</p>
          {reply.buttons.length > 0 && (
            <ul aria-label="Quick-reply buttons" className="mt-1 space-y-1">
              {reply.buttons.map((b) => (
                <li key={b} className="rounded-xl bg-white px-3 py-1.5 text-center text-sm font-medium text-sky-700 shadow-sm">
                  {b}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </figure>
  );
}
