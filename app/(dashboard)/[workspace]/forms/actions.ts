"use server";
import { serverAction } from "@/lib/actions/server-action";
import { archiveForm, createFormAction, publishForm, restoreForm, saveFormDraft } from "@/lib/forms/builder";

export const createFormServerAction = serverAction(createFormAction);
export const saveDraftAction = serverAction(saveFormDraft);
export const publishAction = serverAction(publishForm);
export const archiveAction = serverAction(archiveForm);
export const restoreAction = serverAction(restoreForm);
