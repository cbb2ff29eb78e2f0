"use server";
import { serverAction } from "@/lib/handlers/server-action";
import { archiveForm, createFormAction, publishForm, restoreForm, saveFormDraft } from "@/lib/forms/builder.actions";

export const createFormServerAction = serverAction(createFormAction);
export const saveDraftAction = serverAction(saveFormDraft);
export const publishAction = serverAction(publishForm);
export const archiveAction = serverAction(archiveForm);
export const restoreAction = serverAction(restoreForm);
