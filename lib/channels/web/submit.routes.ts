import "server-only";
import type { Db } from "../../db/client";
import { findUnstorableString } from "../../db/storable-text";
import { jsonAnswer, readPublicForm, seeOther, wantsJson } from "../../handlers/public-post";
import { messagesFor } from "../../i18n/languages";
import { requestMetaFrom } from "../../server/request-meta";
import { publicBaseUrl } from "../../server/urls";
import { submitToHostedForm } from "./opt-in";
import type { OptInFormState } from "./opt-in.validation";
import { refusalCookie } from "./refusal-cookie";
import { cameOverHttps, refusedNotice } from "./refusal-cookie-name";

/** What the page's script gets back (components/opt-in/opt-in-form.tsx). */
export type HostedFormAnswer = { ok: true; receiptUrl: string } | { ok: false; state: OptInFormState };

/**
 * POST /f/{workspace}/{form}/submit: a sign-up from the hosted form (lib/channels/web/opt-in.ts does the work).
 * Without JavaScript: success is a 303 to the receipt; a refusal a 303 back to the form with the errors and the
 * typed values in a sealed cookie (refusal-cookie.ts); a throttled network a 303 to the 429 page. With
 * JavaScript (Accept: application/json) the same outcomes as JSON, the throttled one with 429 and Retry-After.
 */
export async function submitHostedForm(db: Db, request: Request, params: { workspace: string; form: string }): Promise<Response> {
  const read = await readPublicForm(request);
  if ("refused" in read) return read.refused;
  const data = read.data;
  const json = wantsJson(request);
  const language = data.get("language");
  const posted = typeof language === "string" && /^[A-Za-z-]{2,16}$/.test(language) ? language : "en";
  const base = `/f/${encodeURIComponent(params.workspace)}/${encodeURIComponent(params.form)}`;
  if (findUnstorableString([params.workspace, params.form], "") !== null) {
    const message = messagesFor(posted).errors.formGone;
    return refused({ message, fields: { form: message }, values: { phone: "", country: "", name: "", categories: [] } });
  }

  const result = await submitToHostedForm(db, params.workspace, params.form, data, requestMetaFrom(request.headers), `${publicBaseUrl()}${base}`);
  if (result.ok) {
    // The preference link's token exists in plain only now; the receipt's address carries it (see opt-in.ts).
    const query = new URLSearchParams({ lang: result.language });
    if (result.preferenceToken) query.set("t", result.preferenceToken);
    const receiptUrl = `${base}/receipt/${result.receipt.commandId}?${query}`;
    return json ? jsonAnswer({ ok: true, receiptUrl } satisfies HostedFormAnswer) : seeOther(receiptUrl);
  }
  if (result.networkThrottled) {
    const retry = String(result.networkThrottled.retryAfterSeconds);
    if (json) return jsonAnswer({ ok: false, state: result.state } satisfies HostedFormAnswer, 429, { "retry-after": retry });
    return seeOther(`${base}/busy?${new URLSearchParams({ lang: posted, retry })}`);
  }
  return refused(result.state);

  function refused(state: OptInFormState): Response {
    if (json) return jsonAnswer({ ok: false, state } satisfies HostedFormAnswer, 422);
    const query = new URLSearchParams({ lang: posted, notice: refusedNotice });
    return seeOther(`${base}?${query}`, { "set-cookie": refusalCookie(base, state, cameOverHttps(request)) });
  }
}
