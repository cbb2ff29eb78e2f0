"use server";
import { serverAction } from "@/lib/handlers/server-action";
import { createWorkspaceAction } from "@/lib/workspace/create.actions";

export const createWorkspaceServerAction = serverAction(createWorkspaceAction);
