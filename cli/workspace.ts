import type { Db } from "../lib/db/client";
import { findWorkspaceBySlug, listWorkspaces, type Workspace } from "../lib/workspace/queries";
import { UsageError } from "./args";

export async function workspaceBySlug(db: Db, slug: string): Promise<Workspace> {
  const ws = await findWorkspaceBySlug(db, slug);
  if (ws) return ws;
  const known = (await listWorkspaces(db)).map((w) => w.slug);
  throw new UsageError(`no workspace "${slug}"${known.length ? ` (known: ${known.join(", ")})` : " (the database has no workspaces yet)"}`);
}
