/** Seeds the form of e2e/support/themed-form.ts: the demo wording in the demo's languages, in its own colours. */
import { eq } from "drizzle-orm";
import type { Db } from "../../lib/db/client";
import { forms } from "../../lib/db/schema/forms";
import type { FormVersionContent } from "../../lib/db/schema/form-content";
import { publishFormVersion } from "../../lib/forms/publish";
import { themedForm } from "../support/themed-form";

export async function seedThemedForm(db: Db, workspaceId: string, content: FormVersionContent): Promise<void> {
  const [existing] = await db.select({ id: forms.id }).from(forms).where(eq(forms.id, themedForm.id));
  if (existing) return;
  await db.insert(forms).values({ id: themedForm.id, workspaceId, slug: themedForm.slug, name: "In our colours", channel: "web" });
  await publishFormVersion(db, workspaceId, themedForm.id, { ...content, theme: themedForm.theme });
}
