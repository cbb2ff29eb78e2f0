/** Seeds the form of e2e/support/embed-form.ts (server code, so kept out of the spec's imports). */
import { eq } from "drizzle-orm";
import type { Db } from "../../lib/db/client";
import { forms } from "../../lib/db/schema/forms";
import type { FormVersionContent } from "../../lib/db/schema/form-content";
import { publishFormVersion } from "../../lib/forms/publish";
import { embedForm } from "../support/embed-form";

export async function seedEmbedForm(db: Db, workspaceId: string, content: FormVersionContent): Promise<void> {
  const [existing] = await db.select({ id: forms.id }).from(forms).where(eq(forms.id, embedForm.id));
  if (existing) return;
  await db
    .insert(forms)
    .values({ id: embedForm.id, workspaceId, slug: embedForm.slug, name: "Embedded on the shop", channel: "web", embedDomains: [embedForm.allowedOrigin] });
  await publishFormVersion(db, workspaceId, embedForm.id, content);
}
