"use server";
import { serverAction } from "@/lib/handlers/server-action";
import { retryInboundDeadLetter } from "@/lib/channels/dead-letters/actions";

export const retryDeadLetterAction = serverAction(retryInboundDeadLetter);
