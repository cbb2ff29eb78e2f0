import "server-only";
import { getDb } from "../server/app-database";
import { findWorkspaceBySlug } from "../workspace/queries";
import { throttledResponse } from "./throttled-response";

type Params = Promise<{ workspace: string; form: string }>;

/**
 * Where a throttled no-JavaScript sign-up lands (the server action redirects here): the 429 answer with the
 * wait and the business's name. It reads only that name and writes nothing, so it is safe to open by hand; the wait
 * shown comes from the query.
 */
export async function throttledBusyRoute(request: Request, { params }: { params: Params }): Promise<Response> {
  const { workspace, form } = await params;
  const query = new URL(request.url).searchParams;
  const retry = Number(query.get("retry"));
  const business = await findWorkspaceBySlug(await getDb(), workspace.slice(0, 100));
  return throttledResponse({
    businessName: business?.businessName,
    language: (query.get("lang") ?? "en").slice(0, 16),
    formPath: `/f/${encodeURIComponent(workspace)}/${encodeURIComponent(form)}`,
    retryAfterSeconds: Number.isFinite(retry) && retry > 0 ? Math.min(retry, 3600) : 60,
  });
}
