"use server";
import { serverAction } from "@/lib/handlers/server-action";
import { acknowledgeQualityAlert, recordQualityRating } from "@/lib/quality/actions";

export const acknowledgeAlertAction = serverAction(acknowledgeQualityAlert);
export const recordRatingAction = serverAction(recordQualityRating);
