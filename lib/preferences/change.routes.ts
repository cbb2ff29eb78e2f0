import "server-only";
import type { Db } from "../db/client";
import { jsonAnswer, readPublicForm, seeOther, wantsJson } from "../handlers/public-post";
import { requestMetaFrom } from "../server/request-meta";
import { publicBaseUrl } from "../server/urls";
import { changePreferences } from "./change";
import { looksLikePreferenceToken } from "./tokens";

/**
 * POST /p/{token}/submit: one preference-centre change (change.ts does the work), then back to the page
 * (post/redirect/get), which shows the new state and the notice. The token is the address's, as the page's own.
 * With `Accept: application/json` the same answer as JSON: where to go next.
 */
export async function submitPreferenceChange(db: Db, request: Request, params: { token: string }): Promise<Response> {
  const read = await readPublicForm(request);
  if ("refused" in read) return read.refused;
  const go = (location: string) => (wantsJson(request) ? jsonAnswer({ ok: true, pageUrl: location }) : seeOther(location));
  const token = params.token;
  // An unknown link goes back to its page, which answers not-found and says how to stop.
  if (!looksLikePreferenceToken(token)) return go("/p/unknown");
  const result = await changePreferences(db, token, read.data, requestMetaFrom(request.headers), publicBaseUrl());
  if (!result.found) return go(`/p/${token}`);
  const language = read.data.get("language");
  const query = new URLSearchParams({ notice: result.notice });
  if (typeof language === "string" && /^[A-Za-z-]{2,16}$/.test(language)) query.set("lang", language);
  return go(`/p/${token}?${query}`);
}
