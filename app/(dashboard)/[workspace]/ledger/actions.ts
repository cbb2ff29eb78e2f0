"use server";
import { serverAction } from "@/lib/actions/server-action";
import { sealLedger, verifyWorkspaceLedger } from "@/lib/ledger/ledger-actions";

export const verifyLedgerAction = serverAction(verifyWorkspaceLedger);
export const createCheckpointAction = serverAction(sealLedger);
