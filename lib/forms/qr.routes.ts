import "server-only";
import { getDb } from "../server/app-database";
import { findPublishedForm } from "./queries";
import { formQrPng, formQrSvg } from "./qr-code";
import { formPublicUrl } from "./public-url";
import { hasWebPage } from "./web-page";

type Params = Promise<{ workspace: string; form: string }>;

const types = { svg: "image/svg+xml", png: "image/png" } as const;

/**
 * The QR code of a published form's public address, for a print shop or a web page. Public on purpose: it
 * encodes nothing the hosted page does not show. `?download=1` makes the browser save it as a file.
 */
export function formQrRoute(format: keyof typeof types) {
  return async (request: Request, { params }: { params: Params }): Promise<Response> => {
    const { workspace, form } = await params;
    const found = await findPublishedForm(await getDb(), workspace, form);
    // A keyword form without a web page: a code for an address that answers not-found would mislead.
    if (!found || !hasWebPage(found.form.channel, found.version.content)) {
      return new Response("This form is not published.", {
        status: 404,
        headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
      });
    }
    const url = formPublicUrl(found.workspace.slug, found.form.slug);
    const body = format === "svg" ? await formQrSvg(url) : new Uint8Array(await formQrPng(url));
    const download = new URL(request.url).searchParams.has("download");
    return new Response(body, {
      headers: {
        "content-type": types[format],
        "content-disposition": `${download ? "attachment" : "inline"}; filename="${`${found.workspace.slug}-${found.form.slug}-qr.${format}`.replace(/[^\w.-]/g, "_")}"`,
        // The address only changes with APP_URL or the slug; an hour is short enough for an unpublished form
        // to stop being offered, long enough for a busy page to be served from caches.
        "cache-control": "public, max-age=3600",
        "x-content-type-options": "nosniff",
      },
    });
  };
}
