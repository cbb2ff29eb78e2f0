import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import { recordStaffAudit } from "../actions/audit";
import { defineWorkspaceAction, type ActionContext } from "../actions/workspace-action";
import type { Tx } from "../db/client";
import { forms, messageCategories } from "../db/schema/forms";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import type { FormDraft, FormVersionContent } from "./content";
import { createFormSchema, formRefSchema, saveDraftActionSchema } from "./builder.validation";
import { checkFormPolicy, publishBlockers } from "./policy";
import { publishFormVersion } from "./publish";
import { captureSnapshots } from "./snapshots";
import { starterWording } from "./wording-templates";

async function lockForm(tx: Tx, ctx: ActionContext, formId: string) {
  const [form] = await tx
    .select()
    .from(forms)
    .where(and(eq(forms.id, formId), eq(forms.workspaceId, ctx.actor.workspace.id)))
    .for("update");
  if (!form) throw new NotFoundError("This form");
  return form;
}

async function activeCategories(tx: Tx, workspaceId: string) {
  return tx
    .select()
    .from(messageCategories)
    .where(and(eq(messageCategories.workspaceId, workspaceId), isNull(messageCategories.retiredAt)))
    .orderBy(asc(messageCategories.position), asc(messageCategories.key));
}

export const createFormAction = defineWorkspaceAction({
  name: "forms.create",
  permission: "forms:manage",
  schema: createFormSchema,
  async run(ctx, input) {
    const ws = ctx.actor.workspace;
    const formId = await ctx.db.transaction(async (tx) => {
      const [taken] = await tx.select({ id: forms.id }).from(forms).where(and(eq(forms.workspaceId, ws.id), eq(forms.slug, input.slug)));
      if (taken) throw new ValidationError([{ field: "slug", code: "taken", message: "Another form already uses this address; choose another." }], "Check the highlighted fields.");
      if (input.keyword && (input.channel === "sms" || input.channel === "whatsapp")) {
        const [twin] = await tx
          .select({ id: forms.id })
          .from(forms)
          .where(and(eq(forms.workspaceId, ws.id), eq(forms.channel, input.channel), eq(forms.keyword, input.keyword)));
        if (twin) throw new ValidationError([{ field: "keyword", code: "taken", message: "Another form on this channel already uses this keyword." }], "Check the highlighted fields.");
      }
      const categories = await activeCategories(tx, ws.id);
      // A new form starts complete in English with every category, so its first policy check mostly passes.
      const content: FormVersionContent = {
        businessName: ws.businessName,
        privacyPolicyUrl: ws.privacyPolicyUrl ?? null,
        defaultLanguage: "en",
        categoryKeys: categories.map((c) => c.key),
        askConfirmation: ws.requireConfirmation,
        languages: { en: starterWording("en", ws.businessName, categories) },
      };
      const draft: FormDraft = { content, updatedAt: new Date().toISOString(), updatedBy: ctx.actor.user.id };
      const [form] = await tx
        .insert(forms)
        .values({ workspaceId: ws.id, slug: input.slug, name: input.name, channel: input.channel, keyword: input.channel === "sms" || input.channel === "whatsapp" ? input.keyword : null, draft })
        .returning({ id: forms.id });
      await recordStaffAudit(tx, ctx, { action: "form.create", targetType: "form", targetId: form!.id, detail: { slug: input.slug, channel: input.channel } });
      return form!.id;
    });
    return { message: `Created "${input.name}".`, redirectTo: `/${ws.slug}/forms/${formId}` };
  },
});

export const saveFormDraft = defineWorkspaceAction({
  name: "forms.saveDraft",
  permission: "forms:manage",
  schema: saveDraftActionSchema,
  async run(ctx, input) {
    await ctx.db.transaction(async (tx) => {
      const form = await lockForm(tx, ctx, input.formId);
      if (form.status === "archived") throw new ConflictError("archived", "This form is archived. Restore it to edit it.");
      const content = { ...input.content, businessName: ctx.actor.workspace.businessName } as FormVersionContent;
      const draft: FormDraft = { content, updatedAt: new Date().toISOString(), updatedBy: ctx.actor.user.id };
      await tx.update(forms).set({ name: input.name, embedDomains: input.embedDomains, draft, updatedAt: new Date() }).where(eq(forms.id, form.id));
    });
    return { message: "Draft saved." };
  },
});

export const publishForm = defineWorkspaceAction({
  name: "forms.publish",
  permission: "forms:manage",
  schema: formRefSchema,
  async run(ctx, input) {
    const ws = ctx.actor.workspace;
    const { form, content } = await ctx.db.transaction(async (tx) => {
      const form = await lockForm(tx, ctx, input.formId);
      if (form.status === "archived") throw new ConflictError("archived", "This form is archived. Restore it before publishing.");
      if (!form.draft) throw new ConflictError("no_draft", "There is nothing to publish: the form has no draft.");
      const categories = await activeCategories(tx, ws.id);
      const draft = form.draft.content;
      // The version holds only what the page shows: the chosen categories, and the business name as it is now.
      const content: FormVersionContent = {
        ...draft,
        businessName: ws.businessName,
        categoryKeys: draft.categoryKeys.filter((k) => categories.some((c) => c.key === k)),
        languages: Object.fromEntries(
          Object.entries(draft.languages).map(([lang, w]) => [
            lang,
            {
              ...w,
              benefits: w.benefits.filter((b) => b.trim()),
              consent: Object.fromEntries(draft.categoryKeys.map((k) => [k, w.consent[k] ?? ""])),
              categories: Object.fromEntries(draft.categoryKeys.map((k) => [k, w.categories?.[k] ?? { label: "", description: "", example: "", frequency: "" }])),
            },
          ]),
        ),
      };
      const blockers = publishBlockers(checkFormPolicy(content, { businessName: ws.businessName, categories }));
      if (blockers.length) {
        throw new ValidationError(
          blockers.flatMap((b) => b.problems.map((message) => ({ field: `policy.${b.id}`, code: "policy", message }))),
          `Not published: fix ${blockers.map((b) => `"${b.title}"`).join(", ")} first.`,
        );
      }
      return { form, content };
    });
    const version = await publishFormVersion(ctx.db, ws.id, form.id, content, ctx.actor.user.id);
    await ctx.db.transaction((tx) =>
      recordStaffAudit(tx, ctx, { action: "form.publish", targetType: "form", targetId: form.id, detail: { version: version.version, versionId: version.id, digest: version.digest } }),
    );
    const missing = await captureSnapshots(ctx.db, ws, form.slug, version);
    const snapshotNote = missing.length ? ` The page snapshot for ${missing.join(", ")} could not be taken; see the versions page.` : "";
    return { message: `Published version ${version.version}. It is live now.${snapshotNote}` };
  },
});

const setArchived = (archived: boolean) =>
  defineWorkspaceAction({
    name: archived ? "forms.archive" : "forms.restore",
    permission: "forms:manage",
    schema: formRefSchema,
    async run(ctx, input) {
      const name = await ctx.db.transaction(async (tx) => {
        const form = await lockForm(tx, ctx, input.formId);
        const status = archived ? "archived" : form.currentVersionId ? "published" : "draft";
        await tx.update(forms).set({ status, updatedAt: new Date() }).where(eq(forms.id, form.id));
        await recordStaffAudit(tx, ctx, { action: archived ? "form.archive" : "form.restore", targetType: "form", targetId: form.id, detail: { slug: form.slug } });
        return form.name;
      });
      return {
        message: archived
          ? `Archived "${name}". Its page now answers not-found; its versions and the consents given under them stay.`
          : `Restored "${name}".`,
      };
    },
  });

export const archiveForm = setArchived(true);
export const restoreForm = setArchived(false);
