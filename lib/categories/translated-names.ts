import "server-only";
import { and, eq, isNotNull } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { forms, formVersions } from "../db/schema/forms";
import type { CategoryName } from "../channels/keywords";

/**
 * Each category's names in every language the workspace's forms give it ("Ofertas" for offers in a Spanish
 * form), so "BAJA ofertas" stops offers. Translated names live only in form versions (content.languages[l]
 * .categories[key].label); the current version of every form that has one is read, published or not, since a
 * name people were shown on a form now archived is still a name they may use.
 */
export async function withTranslatedNames<C extends CategoryName>(db: DbOrTx, workspaceId: string, categories: C[]): Promise<C[]> {
  const rows = await db
    .select({ content: formVersions.content })
    .from(forms)
    .innerJoin(formVersions, eq(formVersions.id, forms.currentVersionId))
    .where(and(eq(forms.workspaceId, workspaceId), isNotNull(forms.currentVersionId)));
  const names = new Map<string, { language: string; label: string }[]>();
  for (const { content } of rows) {
    for (const [language, wording] of Object.entries(content.languages)) {
      for (const [key, text] of Object.entries(wording.categories ?? {})) {
        const list = names.get(key) ?? [];
        if (text.label && !list.some((l) => l.language === language && l.label === text.label)) list.push({ language, label: text.label });
        names.set(key, list);
      }
    }
  }
  return categories.map((c) => ({ ...c, labels: [...(c.labels ?? []), ...(names.get(c.key) ?? [])] }));
}
