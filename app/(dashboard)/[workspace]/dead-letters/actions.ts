"use server";
import { serverAction } from "@/lib/actions/server-action";
import { retryInboundDeadLetter } from "@/lib/channels/dead-letters/retry";

export const retryDeadLetterAction = serverAction(retryInboundDeadLetter);
