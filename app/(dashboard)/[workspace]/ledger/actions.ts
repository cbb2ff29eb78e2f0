"use server";
import { serverAction } from "@/lib/handlers/server-action";
import { sealLedger, verifyWorkspaceLedger } from "@/lib/ledger/actions";

export const verifyLedgerAction = serverAction(verifyWorkspaceLedger);
export const createCheckpointAction = serverAction(sealLedger);
