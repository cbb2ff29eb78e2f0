"use server";
import { serverAction } from "@/lib/handlers/server-action";
import { updateProfile } from "@/lib/workspace/actions";

export const updateProfileAction = serverAction(updateProfile);
