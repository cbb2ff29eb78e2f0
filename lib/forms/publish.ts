import "server-only";
import { and, eq, max } from "drizzle-orm";
import type { Db } from "../db/client";
import { forms, formVersions } from "../db/schema/forms";
import { ConflictError, ValidationError } from "../errors";
import { fieldErrorsFrom } from "../validation/field-errors";
import { formVersionDigest } from "./content";
import { nothingChangedMessage } from "./nothing-changed";
import { formVersionContentSchema, type FormVersionContent } from "../db/schema/form-content";

export type Form = typeof forms.$inferSelect;
export type FormVersion = typeof formVersions.$inferSelect;
export type NewForm = Pick<typeof forms.$inferInsert, "slug" | "name" | "channel" | "keyword">;

export async function createForm(db: Db, workspaceId: string, input: NewForm): Promise<Form> {
  const [row] = await db
    .insert(forms)
    .values({ ...input, workspaceId })
    .returning();
  return row!;
}

/**
 * Freezes the form's wording as a new immutable version and makes it the one the form serves. Events given
 * under it point at this version and commit to its digest, so the exact text shown stays provable. Content
 * identical to the live version (the same digest) is refused and nothing is written: an identical version 2
 * would only clutter the evidence and the quality chart's launch markers.
 */
export async function publishFormVersion(
  db: Db,
  workspaceId: string,
  formId: string,
  content: FormVersionContent,
  createdBy: string | null = null,
  /** Only for seeded history (the demo's forms launched weeks ago); a publish from the dashboard is dated now. */
  publishedAt?: Date,
  /** Flagged translations confirmed as still right against the version this one follows (translation-drift.ts). */
  translationChecks: string[] = [],
): Promise<FormVersion> {
  const parsed = formVersionContentSchema.safeParse(content);
  if (!parsed.success) throw new ValidationError(fieldErrorsFrom(parsed.error, "content"));
  return db.transaction(async (tx) => {
    const [form] = await tx
      .select({ id: forms.id, channel: forms.channel, currentVersionId: forms.currentVersionId })
      .from(forms)
      .where(and(eq(forms.id, formId), eq(forms.workspaceId, workspaceId)))
      .for("update");
    if (!form) throw new ValidationError([{ field: "formId", code: "not_found", message: "no such form in this workspace" }]);
    const digest = formVersionDigest(parsed.data);
    // Read under the form's lock: of two publishes of the same draft at once, the second sees the first's version.
    const [live] = form.currentVersionId
      ? await tx
          .select({ version: formVersions.version, digest: formVersions.digest })
          .from(formVersions)
          .where(and(eq(formVersions.id, form.currentVersionId), eq(formVersions.workspaceId, workspaceId)))
      : [];
    if (live?.digest === digest) throw new ConflictError("unchanged", nothingChangedMessage(live.version));
    const [last] = await tx
      .select({ version: max(formVersions.version) })
      .from(formVersions)
      .where(eq(formVersions.formId, formId));
    const [version] = await tx
      .insert(formVersions)
      .values({
        workspaceId,
        formId,
        version: (last?.version ?? 0) + 1,
        channel: form.channel,
        content: parsed.data,
        digest,
        createdBy,
        translationChecks,
        ...(publishedAt ? { publishedAt } : {}),
      })
      .returning();
    await tx
      .update(forms)
      // The live keyword is the published version's: inbound messages are matched against forms.keyword.
      .set({ status: "published", currentVersionId: version!.id, updatedAt: new Date(), ...(parsed.data.keyword ? { keyword: parsed.data.keyword } : {}) })
      .where(eq(forms.id, formId));
    return version!;
  });
}
