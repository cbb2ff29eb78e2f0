"use server";
import { serverAction } from "@/lib/handlers/server-action";
import { createWorkspaceApiKey, revokeWorkspaceApiKey, setWorkspaceApiKeyLimit } from "@/lib/api-keys/actions";

export const createApiKeyAction = serverAction(createWorkspaceApiKey);
export const revokeApiKeyAction = serverAction(revokeWorkspaceApiKey);
export const setApiKeyLimitAction = serverAction(setWorkspaceApiKeyLimit);
