import "server-only";
import { defineWorkspaceRoute, type RouteContext } from "../handlers/workspace-route";
import { findBuilderForm } from "./builder.queries";
import { findPublishedForm } from "./queries";
import { ConflictError, NotFoundError } from "../errors";
import { renderFormPoster } from "../exports/form-poster";
import { renderPaperForm } from "../exports/paper-form";
import type { PaperSize } from "../exports/print-layout";
import { printableForm, type PrintableForm } from "./printable-form";
import { parsePrintQuery } from "./print-request";
import { formPublicUrl } from "./public-url";
import { findBusinessNumbers, keywordNumberSettings } from "./business-numbers";
import { keywordChannel } from "./channels";
import { keywordSignUpText } from "./keyword-sign-up-text";
import type { DbOrTx } from "../db/client";
import type { PublishedForm } from "./queries";

type Renderer = (form: PrintableForm, size: PaperSize, offeredLanguages: string[]) => Promise<Uint8Array>;

/** Both downloads print the version the form serves now, so what is handed out matches the hosted page. */
function printDownload(name: string, kind: string, render: Renderer) {
  return defineWorkspaceRoute({
    name,
    permission: "forms:read",
    async handle({ db, actor, params, request }: RouteContext) {
      const { size, lang } = parsePrintQuery(request.url);
      const row = await findBuilderForm(db, actor.workspace.id, params.form ?? "");
      if (!row) throw new NotFoundError("The form");
      const found = await findPublishedForm(db, actor.workspace.slug, row.form.slug);
      if (!found) throw new ConflictError("form_not_published", "Publish the form first: posters and paper forms print its published wording.");
      const form = printableForm(found, lang, formPublicUrl(actor.workspace.slug, found.form.slug));
      if (kind === "poster") form.keyword = await keywordWayIn(db, found, form.language);
      const pdf = await render(form, size, Object.keys(found.version.content.languages));
      const file = `${found.form.slug}-${kind}-v${form.version.number}-${form.language}-${size}.pdf`;
      return new Response(new Uint8Array(pdf), {
        headers: {
          "content-type": "application/pdf",
          "content-disposition": `attachment; filename="${file.replace(/[^\w.-]/g, "_")}"`,
          // The current version can change at any publish: never serve yesterday's wording from a cache.
          "cache-control": "no-store",
        },
      });
    },
  });
}

export const downloadFormPoster = printDownload("forms.poster", "poster", renderFormPoster);
export const downloadPaperForm = printDownload("forms.paperForm", "paper-form", renderPaperForm);

/**
 * A keyword form is joined by sending its keyword, also when it has a web page: its printouts say what to send
 * where, and its QR code opens that message. Refused while the number is not set: a poster without it is useless.
 */
async function keywordWayIn(db: DbOrTx, found: PublishedForm, language: string) {
  const channel = found.form.channel;
  const keyword = found.version.content.keyword;
  if (!keywordChannel(channel) || !keyword) return undefined;
  const number = (await findBusinessNumbers(db, found.workspace.id))[channel];
  const t = keywordSignUpText(language, { channel, keyword, number, businessName: found.version.content.businessName });
  if (!t.call || !t.link) {
    const { settingsLabel } = keywordNumberSettings(found.workspace.slug, channel);
    throw new ConflictError(
      "keyword_number_missing",
      `Set the ${channel === "sms" ? "SMS" : "WhatsApp"} number in ${settingsLabel} first: the poster says where to send ${keyword}.`,
    );
  }
  return { channel, call: t.call, link: t.link.href };
}
