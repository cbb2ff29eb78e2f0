"use server";
import { serverAction } from "@/lib/actions/server-action";
import { updateQualityThresholds } from "@/lib/quality/actions";

export const updateThresholdsAction = serverAction(updateQualityThresholds);
