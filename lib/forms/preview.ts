import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { messageCategories } from "../db/schema/forms";
import { workspaces } from "../db/schema/workspaces";
import { findBuilderForm } from "./builder.queries";
import type { PublishedForm } from "./queries";

/** A form's saved draft shaped like a published form, so the public page's own component can render it. */
export async function loadDraftPreview(db: DbOrTx, workspaceId: string, formId: string): Promise<PublishedForm | undefined> {
  const found = await findBuilderForm(db, workspaceId, formId);
  const content = found?.form.draft?.content ?? found?.live?.content;
  if (!found || !content) return undefined;
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  const rows = content.categoryKeys.length
    ? await db
        .select()
        .from(messageCategories)
        .where(and(eq(messageCategories.workspaceId, workspaceId), inArray(messageCategories.key, content.categoryKeys), isNull(messageCategories.retiredAt)))
    : [];
  const categories = content.categoryKeys.flatMap((k) => rows.filter((c) => c.key === k));
  const version = {
    id: "preview",
    workspaceId,
    formId,
    version: 0,
    channel: found.form.channel,
    content: { ...content, businessName: workspace!.businessName },
    digest: "",
    publishedAt: new Date(),
    createdBy: null,
    translationChecks: [],
  };
  const ledgerCategories = categories.map((c) => ({ id: c.id, key: c.key, retired: c.retiredAt !== null }));
  return { workspace: workspace!, form: found.form, version, categories, ledgerCategories };
}
