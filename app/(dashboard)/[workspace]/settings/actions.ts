"use server";
import { serverAction } from "@/lib/actions/server-action";
import { updateProfile } from "@/lib/settings/profile";

export const updateProfileAction = serverAction(updateProfile);
