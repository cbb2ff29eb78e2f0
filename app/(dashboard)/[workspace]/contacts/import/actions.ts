"use server";
import { serverAction } from "@/lib/actions/server-action";
import { startImport } from "@/lib/imports/actions";

export const startImportAction = serverAction(startImport);
