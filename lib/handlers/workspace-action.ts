import "server-only";
import type { z } from "zod";
import type { Db } from "../db/client";
import type { ActiveSession } from "../auth/staff-sessions";
import { authorizeWorkspace, type WorkspaceActor } from "../auth/guards";
import type { Permission } from "../auth/permissions";
import { AppError, type FieldError } from "../errors";
import { fieldErrorsFrom } from "../validation/field-errors";
import type { RequestMeta } from "../server/request-meta";
import { configChanged } from "../db/config-epoch";

export type ActionContext = { db: Db; actor: WorkspaceActor; meta: RequestMeta };

export type ActionResult =
  | { ok: true; message: string; redirectTo?: string; data?: Record<string, unknown> }
  | { ok: false; code: string; message: string; fields: FieldError[] };

export type WorkspaceActionDef<S extends z.ZodType = z.ZodType> = {
  /** Stable name, used by the authorisation matrix test and in logs. */
  name: string;
  permission: Permission;
  schema: S;
  /** Names that are always arrays even with one value (checkbox groups). */
  arrays?: readonly string[];
  run(ctx: ActionContext, input: z.output<S>): Promise<Omit<Extract<ActionResult, { ok: true }>, "ok">>;
};

export function defineWorkspaceAction<S extends z.ZodType>(def: WorkspaceActionDef<S>): WorkspaceActionDef<S> {
  return def;
}

/**
 * Every dashboard write runs through here, in this order: authorise (session, membership, role) for the
 * workspace named in the input, then validate, then run. Known errors become a message and a field list; any
 * other error is logged and answered generically, so no internals reach the browser.
 */
export async function runWorkspaceAction(
  def: WorkspaceActionDef,
  db: Db,
  session: ActiveSession | null,
  meta: RequestMeta,
  input: Record<string, unknown>,
): Promise<ActionResult> {
  try {
    const slug = typeof input.workspace === "string" ? input.workspace : "";
    const actor = await authorizeWorkspace(db, session, slug, def.permission);
    const parsed = def.schema.safeParse(input);
    if (!parsed.success) {
      return { ok: false, code: "validation_failed", message: "Check the highlighted fields.", fields: fieldErrorsFrom(parsed.error) };
    }
    const result = await def.run({ db, actor, meta }, parsed.data);
    // What this instance keeps of a workspace's configuration is stale now (lib/db/config-epoch.ts).
    configChanged(db);
    return { ok: true, ...result };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code, message: error.message, fields: error.fields };
    console.error(`[action ${def.name}] request ${meta.requestId}`, error);
    return { ok: false, code: "internal", message: `Something went wrong on our side. Nothing was changed. (Reference ${meta.requestId})`, fields: [] };
  }
}
