"use server";
import { serverAction } from "@/lib/handlers/server-action";
import { eraseContact, recordConsentOnBehalf } from "@/lib/contacts/actions";

export const recordConsentAction = serverAction(recordConsentOnBehalf);
export const eraseContactAction = serverAction(eraseContact);
