import "server-only";
import { refresh } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { currentSession } from "../auth/current-session";
import { getDb } from "../db/app-db";
import { requestMetaFrom } from "../server/request-meta";
import { formDataToObject, receivedFormData } from "./form-data";
import { runWorkspaceAction, type ActionResult, type WorkspaceActionDef } from "./workspace-action";

/**
 * Turns a definition into a server action for useActionState. "use server" files export only what this
 * returns, which the authorisation matrix test checks, so no action can skip the guard.
 */
export function serverAction(def: WorkspaceActionDef) {
  return async (_previous: ActionResult | null, data: FormData): Promise<ActionResult> => {
    const result = await runWorkspaceAction(
      def,
      await getDb(),
      await currentSession(),
      requestMetaFrom(await headers()),
      formDataToObject(receivedFormData(data), def.arrays),
    );
    if (result.ok && result.redirectTo) redirect(result.redirectTo);
    // The page behind the form shows what just changed.
    if (result.ok) refresh();
    return result;
  };
}
