import "server-only";
import { publicBaseUrl } from "../server/urls";
import { buildOpenApiDocument } from "./openapi";

let cached: string | null = null;

/** Public, like any API description; it names no workspace and no data. Built once per process. */
export async function serveOpenApiDocument(): Promise<Response> {
  cached ??= JSON.stringify(buildOpenApiDocument(publicBaseUrl()));
  return new Response(cached, { headers: { "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=300" } });
}
