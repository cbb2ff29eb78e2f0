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
