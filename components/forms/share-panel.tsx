import type { FormShare } from "@/lib/forms/share-links";
import type { KeywordShare } from "@/lib/forms/keyword-share";
import { buttonClass } from "@/components/ui/button";
import Link from "next/link";
import { CopyField } from "./copy-field";

const card = "rounded-xl border border-slate-200 bg-white p-5";
const heading = "text-base font-semibold text-slate-900";
const select = "mt-1 block w-full rounded-lg border border-slate-300 bg-white px-2 py-2 text-sm";
const linkClass = "font-medium text-brand-800 underline hover:no-underline";

/**
 * Where a published form goes out into the world: its link, QR code, counter poster, paper form and the snippet
 * that embeds it in the business's own site. Built from `formShare()`; placed on the form's dashboard page.
 */
export function SharePanel({ share }: { share: FormShare }) {
  if (!share.published) {
    return (
      <section aria-labelledby="share-heading" className={card}>
        <h2 id="share-heading" className={heading}>
          Share
        </h2>
        <p className="mt-1 text-sm text-slate-600">Publish the form first: its link, QR code, poster and paper form show the published wording.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="share-heading" className="space-y-4">
      <h2 id="share-heading" className="sr-only">
        Share
      </h2>
      {share.keyword && <KeywordCard keyword={share.keyword} />}
      <div className="grid gap-4 lg:grid-cols-2">
        {share.webPage && (
          <div className={card}>
            <h3 className={heading}>{share.keyword ? "Web page: link and QR code" : "Link and QR code"}</h3>
            <div className="mt-3 space-y-4">
              <CopyField label="Public link" value={share.publicUrl} />
              <div className="flex items-start gap-4">
                {/* biome-ignore lint/performance/noImgElement: an SVG served by the app itself, no optimisation to gain */}
                <img
                  src={share.qrSvgPath}
                  alt={`QR code of ${share.publicUrl}`}
                  width={128}
                  height={128}
                  className="shrink-0 rounded border border-slate-200"
                />
                <div className="space-y-2 text-sm text-slate-700">
                  <p>Quartile error correction and a quiet zone: fit for print and signage.</p>
                  <p className="flex flex-wrap gap-x-4 gap-y-1">
                    <a href={`${share.qrSvgPath}?download=1`} download className={linkClass}>
                      Download SVG
                    </a>
                    <a href={`${share.qrPngPath}?download=1`} download className={linkClass}>
                      Download PNG
                    </a>
                  </p>
                </div>
              </div>
            </div>
          </div>
        )}

        <form method="get" action={share.posterPath} className={card}>
          <h3 className={heading}>Print for the counter</h3>
          <p className="mt-1 text-sm text-slate-600">
            Both print the published wording exactly, with its version id. Record signed paper forms on the contact with that id.
          </p>
          <div className="mt-3 grid gap-3 sm:grid-cols-2">
            <div>
              <label htmlFor="share-lang" className="block text-sm font-medium text-slate-800">
                Language
              </label>
              <select id="share-lang" name="lang" defaultValue={share.defaultLanguage ?? undefined} className={select}>
                {share.languages.map((l) => (
                  <option key={l.code} value={l.code} disabled={!!l.unprintable}>
                    {l.unprintable ? `${l.name} (${l.unprintable})` : l.name}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="share-size" className="block text-sm font-medium text-slate-800">
                Paper
              </label>
              <select id="share-size" name="size" defaultValue="a4" className={select}>
                <option value="a4">A4</option>
                <option value="letter">US Letter</option>
              </select>
            </div>
          </div>
          <div className="mt-4 flex flex-wrap gap-2">
            {/* A keyword poster says where to send the keyword: without the number it would say nothing. */}
            <button type="submit" disabled={share.keyword?.call === null} className={buttonClass("primary")}>
              Download poster (PDF)
            </button>
            <button type="submit" formAction={share.paperFormPath} className={buttonClass("secondary")}>
              Download paper form (PDF)
            </button>
          </div>
        </form>
      </div>

      {share.webPage && (
        <div className={card}>
          <h3 className={heading}>Embed in your website</h3>
          {share.embedSites.length > 0 ? (
            <p className="mt-1 text-sm text-slate-600">Paste this where the form should appear. Only these sites may show it: {share.embedSites.join(", ")}.</p>
          ) : (
            <p className="mt-1 text-sm text-amber-800">
              No site may show this form in a frame yet: add your site&apos;s address (such as https://shop.example.com) to the form&apos;s allowed sites first,
              or browsers will refuse it.
            </p>
          )}
          <p className="mt-1 text-sm text-slate-600">
            Keep the frame and its script together: the script sizes the frame to the form, so it never scrolls inside your page. Where your site allows no
            scripts, the frame is tall enough for the form on a phone.
          </p>
          <div className="mt-3">
            <CopyField label="Embed code" value={share.snippet} multiline />
          </div>
        </div>
      )}
    </section>
  );
}

/**
 * A keyword form is joined by sending its keyword: the words to put on a sign or in a post, the link that opens
 * the message with the keyword typed in, and that link's QR code. Without the number there is nothing to hand out.
 */
function KeywordCard({ keyword }: { keyword: KeywordShare }) {
  const channel = keyword.channel === "sms" ? "SMS" : "WhatsApp";
  return (
    <div className={card}>
      <h3 className={heading}>What to tell people</h3>
      {keyword.call && keyword.link && keyword.qr ? (
        <div className="mt-3 space-y-4">
          <p className="text-lg font-semibold text-slate-900" lang={keyword.language}>
            {keyword.call}
          </p>
          <CopyField label={`${channel} link (opens the message with ${keyword.keyword} typed in)`} value={keyword.link} />
          <div className="flex items-start gap-4">
            {/* biome-ignore lint/performance/noImgElement: a data URL made on the server, no optimisation to gain */}
            <img src={keyword.qr.svg} alt={`QR code of ${keyword.link}`} width={128} height={128} className="shrink-0 rounded border border-slate-200" />
            <div className="space-y-2 text-sm text-slate-700">
              <p>
                Scanning it opens {channel} with {keyword.keyword} typed in, ready to send. The poster below prints it with the wording.
              </p>
              <p className="flex flex-wrap gap-x-4 gap-y-1">
                <a href={keyword.qr.svg} download={`${keyword.qr.fileName}.svg`} className={linkClass}>
                  Download SVG
                </a>
                <a href={keyword.qr.png} download={`${keyword.qr.fileName}.png`} className={linkClass}>
                  Download PNG
                </a>
              </p>
            </div>
          </div>
        </div>
      ) : (
        <p className="mt-1 text-sm text-amber-800">
          People send {keyword.keyword} to your {channel} number, and none is set yet: set it in{" "}
          <Link href={keyword.settingsHref} className={linkClass}>
            {keyword.settingsLabel}
          </Link>{" "}
          first. Until then there is no link, QR code or poster to hand out.
        </p>
      )}
    </div>
  );
}
