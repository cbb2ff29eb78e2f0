"use server";
import { serverAction } from "@/lib/actions/server-action";
import { rotateWhatsAppVerifyToken, saveOptOutKeywords, saveSmsChannel, saveWhatsAppChannel } from "@/lib/settings/channels";

export const saveWhatsAppAction = serverAction(saveWhatsAppChannel);
export const saveSmsAction = serverAction(saveSmsChannel);
export const saveKeywordsAction = serverAction(saveOptOutKeywords);
export const rotateVerifyTokenAction = serverAction(rotateWhatsAppVerifyToken);
