import "server-only";
import { and, asc, eq, isNull, ne, or, sql } from "drizzle-orm";
import { recordStaffAudit } from "../handlers/audit";
import { whatsappCanReply } from "../channels/settings";
import { defineWorkspaceAction, type ActionContext } from "../handlers/workspace-action";
import type { Tx } from "../db/client";
import { forms, formVersions, messageCategories } from "../db/schema/forms";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { keywordChannel } from "./channels";
import type { FormDraft, FormVersionContent } from "../db/schema/form-content";
import { createFormSchema, formRefSchema, saveDraftActionSchema } from "./builder.validation";
import { noReplyWarning } from "./channel-policy";
import { replyLimitErrors } from "./keyword-reply";
import { replyAgreementErrors } from "./reply-agreement";
import { checkFormPolicy, publishBlockers } from "./policy";
import { publishFormVersion } from "./publish";
import { hasWebPage } from "./web-page";
import { unchangedSince, versionContentFromDraft, type DraftVersionContext } from "./draft-version";
import { captureSnapshots } from "./snapshots";
import { translationDrift } from "./translation-drift";
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

/**
 * An SMS or WhatsApp keyword must lead to one form: refused when another form of the channel that is not
 * archived already uses it, live or in its draft.
 */
async function assertKeywordFree(tx: Tx, workspaceId: string, channel: string, keyword: string | undefined, exceptFormId: string | null, field: string) {
  if (!keyword || (channel !== "sms" && channel !== "whatsapp")) return;
  const [twin] = await tx
    .select({ id: forms.id })
    .from(forms)
    .where(
      and(
        eq(forms.workspaceId, workspaceId),
        eq(forms.channel, channel),
        or(eq(forms.keyword, keyword), sql`${forms.draft}->'content'->>'keyword' = ${keyword}`),
        ne(forms.status, "archived"),
        exceptFormId ? ne(forms.id, exceptFormId) : undefined,
      ),
    );
  if (twin)
    throw new ValidationError([{ field, code: "taken", message: "Another form on this channel already uses this keyword." }], "Check the highlighted fields.");
}

async function activeCategories(tx: Tx, workspaceId: string) {
  return tx
    .select()
    .from(messageCategories)
    .where(and(eq(messageCategories.workspaceId, workspaceId), isNull(messageCategories.retiredAt)))
    .orderBy(asc(messageCategories.position), asc(messageCategories.key));
}

const draftContext = (form: { channel: string; keyword: string | null }, ws: { businessName: string }, categories: { key: string }[]): DraftVersionContext => ({
  channel: form.channel,
  formKeyword: form.keyword,
  businessName: ws.businessName,
  activeCategoryKeys: categories.map((c) => c.key),
});

export const createFormAction = defineWorkspaceAction({
  name: "forms.create",
  permission: "forms:manage",
  schema: createFormSchema,
  async run(ctx, input) {
    const ws = ctx.actor.workspace;
    const formId = await ctx.db.transaction(async (tx) => {
      const [taken] = await tx
        .select({ id: forms.id })
        .from(forms)
        .where(and(eq(forms.workspaceId, ws.id), eq(forms.slug, input.slug)));
      if (taken)
        throw new ValidationError(
          [{ field: "slug", code: "taken", message: "Another form already uses this address; choose another." }],
          "Check the highlighted fields.",
        );
      await assertKeywordFree(tx, ws.id, input.channel, input.keyword, null, "keyword");
      const categories = await activeCategories(tx, ws.id);
      // A new form starts complete in English with every category, so its first policy check mostly passes.
      const content: FormVersionContent = {
        businessName: ws.businessName,
        privacyPolicyUrl: ws.privacyPolicyUrl ?? null,
        defaultLanguage: "en",
        categoryKeys: categories.map((c) => c.key),
        askConfirmation: ws.requireConfirmation,
        languages: { en: starterWording("en", ws.businessName, categories) },
        ...(keywordChannel(input.channel) && input.keyword ? { keyword: input.keyword } : {}),
      };
      const draft: FormDraft = { content, updatedAt: new Date().toISOString(), updatedBy: ctx.actor.user.id };
      const [form] = await tx
        .insert(forms)
        .values({
          workspaceId: ws.id,
          slug: input.slug,
          name: input.name,
          channel: input.channel,
          keyword: keywordChannel(input.channel) ? input.keyword : null,
          draft,
        })
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
    const since = await ctx.db.transaction(async (tx) => {
      const form = await lockForm(tx, ctx, input.formId);
      if (form.status === "archived") throw new ConflictError("archived", "This form is archived. Restore it to edit it.");
      // Each channel keeps only its own fields: a web form has no keyword, only an IVR script has keys.
      const { keyword, ivrKeys, webPage, ...rest } = input.content;
      if (keywordChannel(form.channel)) await assertKeywordFree(tx, form.workspaceId, form.channel, keyword, form.id, "content.keyword");
      const content = {
        ...rest,
        ...(keywordChannel(form.channel) && keyword ? { keyword } : {}),
        ...(keywordChannel(form.channel) && webPage ? { webPage } : {}),
        ...(form.channel === "ivr" && ivrKeys ? { ivrKeys } : {}),
        businessName: ctx.actor.workspace.businessName,
      } as FormVersionContent;
      const tooLong = replyLimitErrors(form.channel, content);
      if (tooLong.length) throw new ValidationError(tooLong, "Check the highlighted fields.");
      const draft: FormDraft = {
        content,
        updatedAt: new Date().toISOString(),
        updatedBy: ctx.actor.user.id,
        ...(input.translationChecks?.length ? { translationChecks: [...new Set(input.translationChecks)] } : {}),
      };
      await tx.update(forms).set({ name: input.name, embedDomains: input.embedDomains, draft, updatedAt: new Date() }).where(eq(forms.id, form.id));
      if (!form.currentVersionId) return null;
      // So the builder can say, before anyone clicks, that publishing this draft would change nothing.
      const [live] = await tx
        .select({ version: formVersions.version, digest: formVersions.digest })
        .from(formVersions)
        .where(and(eq(formVersions.id, form.currentVersionId), eq(formVersions.workspaceId, form.workspaceId)));
      return unchangedSince(content, draftContext(form, ctx.actor.workspace, await activeCategories(tx, form.workspaceId)), live);
    });
    return { message: "Draft saved.", data: { unchangedSince: since } };
  },
});

export const publishForm = defineWorkspaceAction({
  name: "forms.publish",
  permission: "forms:manage",
  schema: formRefSchema,
  async run(ctx, input) {
    const ws = ctx.actor.workspace;
    const { form, content, canReply, translationChecks } = await ctx.db.transaction(async (tx) => {
      const form = await lockForm(tx, ctx, input.formId);
      if (form.status === "archived") throw new ConflictError("archived", "This form is archived. Restore it before publishing.");
      if (!form.draft) throw new ConflictError("no_draft", "There is nothing to publish: the form has no draft.");
      const categories = await activeCategories(tx, ws.id);
      const content = versionContentFromDraft(form.draft.content, draftContext(form, ws, categories));
      await assertKeywordFree(tx, ws.id, form.channel, content.keyword, form.id, "content.keyword");
      // A draft saved before the limit was checked on save.
      const tooLong = replyLimitErrors(form.channel, content);
      if (tooLong.length) throw new ValidationError(tooLong, "Not published: shorten the reply first.");
      const label = (key: string) => categories.find((c) => c.key === key)?.label ?? key;
      // Said with the policy's blockers, so one refusal names everything to fix.
      const disagrees = replyAgreementErrors(form.channel, content, label);
      const canReply = form.channel === "whatsapp" ? await whatsappCanReply(tx, ws.id) : true;
      const blockers = publishBlockers(
        checkFormPolicy(content, {
          businessName: ws.businessName,
          categories,
          channel: form.channel,
          brandColor: ws.brandColor,
          canReply,
          whatsappNumber: ws.whatsappNumber,
        }),
      );
      // The confirmations that answer a flag against the live version go with the new one, for its versions page.
      const [live] = form.currentVersionId
        ? await tx
            .select({ content: formVersions.content })
            .from(formVersions)
            .where(and(eq(formVersions.id, form.currentVersionId), eq(formVersions.workspaceId, ws.id)))
        : [];
      const translationChecks = translationDrift(live?.content, content, form.draft.translationChecks)
        .filter((d) => d.confirmed)
        .map((d) => d.key);
      if (blockers.length || disagrees.length) {
        throw new ValidationError(
          [...disagrees, ...blockers.flatMap((b) => b.problems.map((message) => ({ field: `policy.${b.id}`, code: "policy", message })))],
          blockers.length
            ? `Not published: fix ${[...blockers.map((b) => `"${b.title}"`), ...(disagrees.length ? ["the reply"] : [])].join(", ")} first.`
            : "Not published: the reply must say what the poster prints. Check the highlighted fields.",
        );
      }
      return { form, content, canReply, translationChecks };
    });
    const version = await publishFormVersion(ctx.db, ws.id, form.id, content, ctx.actor.user.id, undefined, translationChecks);
    await ctx.db.transaction((tx) =>
      recordStaffAudit(tx, ctx, {
        action: "form.publish",
        targetType: "form",
        targetId: form.id,
        detail: { version: version.version, versionId: version.id, digest: version.digest },
      }),
    );
    // A keyword form without a web page has no page to keep: its version holds the reply it sends.
    const missing = hasWebPage(form.channel, content) ? await captureSnapshots(ctx.db, ws, form.slug, version) : [];
    const snapshotNote = missing.length ? ` The page snapshot for ${missing.join(", ")} could not be taken; see the versions page.` : "";
    const replyNote = canReply ? "" : ` ${noReplyWarning}`;
    return { message: `Published version ${version.version}. It is live now.${snapshotNote}${replyNote}`, data: { unchangedSince: version.version } };
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
        await recordStaffAudit(tx, ctx, {
          action: archived ? "form.archive" : "form.restore",
          targetType: "form",
          targetId: form.id,
          detail: { slug: form.slug },
        });
        return form.name;
      });
      return {
        message: archived ? `Archived "${name}". Its page now answers not-found; its versions and the consents given under them stay.` : `Restored "${name}".`,
      };
    },
  });

export const archiveForm = setArchived(true);
export const restoreForm = setArchived(false);
