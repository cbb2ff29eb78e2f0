"use server";
import { serverAction } from "@/lib/handlers/server-action";
import { createWorkspaceApiKey, revokeWorkspaceApiKey } from "@/lib/api-keys/actions";

export const createApiKeyAction = serverAction(createWorkspaceApiKey);
export const revokeApiKeyAction = serverAction(revokeWorkspaceApiKey);
