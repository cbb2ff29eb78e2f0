import "server-only";
import { echoValues, readForm } from "../channels/web/opt-in";
import type { OptInFormState } from "../channels/web/opt-in.validation";
import { NotFoundError } from "../errors";
import { defineWorkspaceRoute } from "../handlers/workspace-route";
import { findBuilderForm } from "./builder.queries";
import { readPublicForm, wantsJson } from "../handlers/public-post";

/** What the builder preview answers to its submit button, in every language the builder works in: it is staff-facing. */
export const PREVIEW_NOTHING_RECORDED = "This is a preview: nothing was recorded.";

/**
 * The builder preview's submit: a stable address like the hosted form's own (`/preview/{workspace}/{form}/submit`),
 * so the preview behaves the same with JavaScript off. It reads the post only to show it again and records nothing.
 * Asked for JSON (the enhanced form) it answers the refusal in place; a plain post is sent back to the preview,
 * which then says so. Signed-in staff who may read forms only, like the preview page itself.
 */
export const submitFormPreview = defineWorkspaceRoute({
  name: "forms.preview.submit",
  permission: "forms:read",
  async handle({ db, actor, request, params }) {
    // Another workspace's form, or none, is not found here, as on the preview page.
    if (!(await findBuilderForm(db, actor.workspace.id, params.form ?? ""))) throw new NotFoundError("This form");
    const read = await readPublicForm(request);
    if ("refused" in read) return read.refused;
    const raw = readForm(read.data);
    const state: OptInFormState = { message: PREVIEW_NOTHING_RECORDED, fields: { form: PREVIEW_NOTHING_RECORDED }, values: echoValues(raw) };
    if (wantsJson(request)) return Response.json({ ok: false, state }, { headers: { "cache-control": "no-store" } });
    const back = new URL(`/preview/${encodeURIComponent(params.workspace ?? "")}/${encodeURIComponent(params.form ?? "")}`, request.url);
    if (raw.language) back.searchParams.set("lang", raw.language);
    back.searchParams.set("previewed", "1");
    return new Response(null, { status: 303, headers: { location: `${back.pathname}${back.search}`, "cache-control": "no-store" } });
  },
});
