import "server-only";
import { defineWorkspaceAction } from "../handlers/workspace-action";
import { findContact } from "./queries";
import { NotFoundError, ValidationError } from "../errors";
import { append } from "../ledger/append";
import { erasePersonalData } from "./erasure/erase";
import { laterContraryChanges } from "./later-changes";
import { eraseContactSchema, recordConsentSchema } from "./actions.validation";

export const recordConsentOnBehalf = defineWorkspaceAction({
  name: "contacts.recordConsent",
  permission: "contacts:record",
  schema: recordConsentSchema,
  arrays: ["categories"],
  async run({ db, actor }, input) {
    const contact = await findContact(db, actor.workspace.id, input.contactId);
    if (!contact) throw new NotFoundError("The contact");
    if (!contact.phone) {
      throw new ValidationError(
        [{ field: "contactId", code: "erased", message: "This contact's personal data was erased." }],
        "This contact's personal data was erased, so nothing can be recorded against it.",
      );
    }
    const contrary = await laterContraryChanges(db, {
      workspaceId: actor.workspace.id,
      contactId: contact.id,
      categories: input.categories,
      action: input.action,
      occurredAt: input.occurredAt,
    });
    if (contrary.length > 0) {
      throw new ValidationError(
        [
          {
            field: "occurredAt",
            code: "overruled_later",
            message: `The person changed this since, and a request recorded now would overrule it: ${contrary.join("; ")}. Record only what they asked after that.`,
          },
        ],
        "Nothing was recorded: the person changed their choice after this time.",
      );
    }
    const receipt = await append(db, {
      workspaceId: actor.workspace.id,
      phone: contact.phone,
      categories: input.categories,
      action: input.action,
      channel: "staff",
      // When the person asked; the ledger keeps the moment it was typed in as recorded_at beside it.
      occurredAt: input.occurredAt,
      evidence: { via: input.via },
      actor: { type: "staff", userId: actor.user.id, email: actor.user.email },
      note: input.note,
      // The form's one-time id: a double click or a resubmitted page records the request once.
      idempotencyKey: `staff:${input.submissionId}`,
    });
    const what = input.action === "opt_out" ? "opt-out" : "opt-in";
    return { message: `Recorded the ${what} for ${receipt.events.length} ${receipt.events.length === 1 ? "category" : "categories"}.` };
  },
});

export const eraseContact = defineWorkspaceAction({
  name: "contacts.erase",
  permission: "contacts:erase",
  schema: eraseContactSchema,
  async run({ db, actor, meta }, input) {
    const result = await erasePersonalData(db, {
      workspaceId: actor.workspace.id,
      contactId: input.contactId,
      actor: { userId: actor.user.id, label: actor.user.email },
      reason: input.reason,
      request: { ip: meta.ip, userAgent: meta.userAgent, requestId: meta.requestId },
    });
    const optedOut = result.optedOut > 0 ? `Opted out of ${result.optedOut} ${result.optedOut === 1 ? "category" : "categories"}, then erased` : "Erased";
    const files = result.scansErased + result.importsErased;
    const filesText = files > 0 ? `, ${files} stored ${files === 1 ? "file" : "files"}` : "";
    return { message: `${optedOut} the personal data of the contact, ${result.eventsErased} events${filesText}. The proofs still verify.` };
  },
});
