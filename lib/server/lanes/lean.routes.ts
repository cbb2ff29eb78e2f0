import "server-only";
import { checkMany, checkOne } from "../../api/consent-checks";
import { recordConsent } from "../../api/consents";
import { getContact } from "../../api/contacts";
import { listEvents } from "../../api/events";
import { exportLedgerEvents } from "../../api/exports";
import { verifyWorkspaceLedger } from "../../api/ledger-verify";
import { serveOpenApiDocument } from "../../api/openapi-route";
import { serveApiRoute, type ApiRouteDef } from "../../api/route";
import { receiveSmsWebhook } from "../../channels/sms/webhook";
import { submitHostedForm } from "../../channels/web/submit.routes";
import { cloudApiSender } from "../../channels/whatsapp/sender";
import { receiveWhatsAppWebhook, verifyWhatsAppSubscription } from "../../channels/whatsapp/webhook";
import type { ApiKeyScope } from "../../api-keys/keys";
import type { DatabaseHandle, Db } from "../../db/client";
import { submitPreferenceChange } from "../../preferences/change.routes";
import { healthResponse } from "../health";

/**
 * Every route the lean lane serves (lib/server/lanes/lean-app.ts): the machine-facing half of Assent, which sending
 * systems, Meta and Twilio call, and the public forms' submissions, which must not depend on a build; nothing that
 * renders a page. Each says how it is authorised, and the
 * authorisation matrix (lib/auth/authorization-matrix.test.ts) reads this table, so a route added here without a
 * reason fails the tests. Authorisation itself happens inside each handler, where the data is touched.
 */
export type LeanRoute = {
  method: "GET" | "POST";
  /** A Hono path: `:name` is one decoded segment. */
  path: string;
  /** Who may call it and what proves it: an API key's scope, a webhook signature, or why it needs nothing. */
  access: string;
  /** The API key scope it needs, for the routes an API key authorises. */
  scope?: ApiKeyScope;
  serve(context: LeanContext): Promise<Response>;
};

/**
 * What a lean route is given: the database, opened on first use (the app's own, or a test's: `db` is
 * `handle`'s), the request and its path's parameters.
 */
export type LeanContext = { handle: () => Promise<DatabaseHandle>; db: () => Promise<Db>; request: Request; params: Record<string, string> };

function api(method: LeanRoute["method"], path: string, def: ApiRouteDef): LeanRoute {
  return {
    method,
    path,
    scope: def.scope,
    access: `API key authentication (lib/api/route.ts), scope ${def.scope}`,
    serve: ({ db, request, params }) => serveApiRoute(def, db, request, params),
  };
}

const whatsApp =
  "Meta's inbound webhook: the GET handshake needs the workspace's verify token; every POST must carry an X-Hub-Signature-256 made with the workspace's app secret";

export const leanRoutes: readonly LeanRoute[] = [
  { method: "GET", path: "/api/health", access: "health check, no data", serve: ({ handle }) => healthResponse(handle) },
  api("GET", "/api/v1/consent-checks", checkOne),
  api("POST", "/api/v1/consent-checks", checkMany),
  api("POST", "/api/v1/consents", recordConsent),
  api("GET", "/api/v1/contacts/:phone", getContact),
  api("GET", "/api/v1/events", listEvents),
  api("GET", "/api/v1/exports/events", exportLedgerEvents),
  api("GET", "/api/v1/ledger/verify", verifyWorkspaceLedger),
  { method: "GET", path: "/api/v1/openapi.json", access: "the public API's OpenAPI document; no data", serve: () => serveOpenApiDocument() },
  {
    method: "GET",
    path: "/api/webhooks/whatsapp/:workspace",
    access: whatsApp,
    serve: async ({ db, request, params }) => verifyWhatsAppSubscription(await db(), params.workspace!, new URL(request.url)),
  },
  {
    method: "POST",
    path: "/api/webhooks/whatsapp/:workspace",
    access: whatsApp,
    serve: async ({ db, request, params }) => receiveWhatsAppWebhook(await db(), params.workspace!, request, { sender: cloudApiSender }),
  },
  {
    method: "POST",
    path: "/f/:workspace/:form/submit",
    access: "the public opt-in form's stable POST (lib/channels/web/submit.routes.ts); same-origin only, rate limited",
    serve: async ({ db, request, params }) => submitHostedForm(await db(), request, { workspace: params.workspace!, form: params.form! }),
  },
  {
    method: "POST",
    path: "/p/:token/submit",
    access:
      "the preference centre's stable POST (lib/preferences/change.routes.ts); authorised by the link's token, same-origin only, rate limited per network and per link",
    serve: async ({ db, request, params }) => submitPreferenceChange(await db(), request, { token: params.token! }),
  },
  {
    method: "POST",
    path: "/api/webhooks/sms/:workspace",
    access: "Twilio's inbound webhook: every POST must carry an X-Twilio-Signature made with the workspace's auth token",
    serve: async ({ db, request, params }) => receiveSmsWebhook(await db(), params.workspace!, request),
  },
];

// The public forms' stable POST addresses (every build answers them the same, so a page from any build submits).
const publicSubmission = /^\/(f\/[^/]+\/[^/]+|p\/[^/]+)\/submit$/;

/**
 * Whether a request belongs to the lean lane: by method and path alone, so the decision costs nothing and a path the
 * table does not know (a typo under /api/v1) still gets the lane's JSON 404 rather than a Next.js page.
 * /api/auth (Auth.js) and /api/bench (the bench's trivial Next.js handlers, kept as context) stay with Next.js.
 */
export function isLeanRequest(method: string | undefined, pathname: string): boolean {
  if (pathname === "/api/health" || pathname.startsWith("/api/v1/") || pathname.startsWith("/api/webhooks/")) return true;
  return method === "POST" && publicSubmission.test(pathname);
}
