"use server";
import { serverAction } from "@/lib/actions/server-action";
import { createWorkspaceApiKey, revokeWorkspaceApiKey } from "@/lib/settings/api-keys";

export const createApiKeyAction = serverAction(createWorkspaceApiKey);
export const revokeApiKeyAction = serverAction(revokeWorkspaceApiKey);
