"use server";
import { serverAction } from "@/lib/handlers/server-action";
import { rotateWhatsAppVerifyToken, saveOptOutKeywords, saveSmsChannel, saveWhatsAppChannel } from "@/lib/channels/settings.actions";

export const saveWhatsAppAction = serverAction(saveWhatsAppChannel);
export const saveSmsAction = serverAction(saveSmsChannel);
export const saveKeywordsAction = serverAction(saveOptOutKeywords);
export const rotateVerifyTokenAction = serverAction(rotateWhatsAppVerifyToken);
