import "server-only";
import { refresh } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { currentSession } from "../auth/current-session";
import { getDb } from "../server/app-database";
import { isOwnOrigin } from "../security/origin";
import { requestMetaFrom } from "../server/request-meta";
import { formDataToObject, receivedFormData } from "./form-data";
import { runWorkspaceAction, type ActionResult, type WorkspaceActionDef } from "./workspace-action";

/**
 * Turns a definition into a server action for useActionState. "use server" files export only what this
 * returns, which the authorisation matrix test checks, so no action can skip the guard.
 */
export function serverAction(def: WorkspaceActionDef) {
  return async (_previous: ActionResult | null, data: FormData): Promise<ActionResult> => {
    const received = await headers();
    // proxy.ts refuses these first; checked here too, so no dashboard write depends on the proxy's matcher.
    if (!isOwnOrigin(received))
      return { ok: false, code: "forbidden", message: "This request did not come from this site's own pages. Reload the page and try again.", fields: [] };
    const result = await runWorkspaceAction(
      def,
      await getDb(),
      await currentSession(),
      requestMetaFrom(received),
      formDataToObject(receivedFormData(data), def.arrays),
    );
    if (result.ok && result.redirectTo) redirect(result.redirectTo);
    // The page behind the form shows what just changed.
    if (result.ok) refresh();
    return result;
  };
}
