"use server";
import { serverAction } from "@/lib/handlers/server-action";
import { updateQualityThresholds } from "@/lib/quality/actions";

export const updateThresholdsAction = serverAction(updateQualityThresholds);
