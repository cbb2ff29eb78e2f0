"use server";
import { serverAction } from "@/lib/handlers/server-action";
import { startImport } from "@/lib/imports/actions";

export const startImportAction = serverAction(startImport);
