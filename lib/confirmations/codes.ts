import "server-only";
import { randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { confirmationCodes } from "../db/schema/ledger";
import { confirmationCodeAlphabet, normalizeConfirmationCode } from "./code-format";

export type ConfirmationCode = typeof confirmationCodes.$inferSelect;

/** A code can be used while it is neither used nor expired. */
const usable = (now: Date) => and(isNull(confirmationCodes.usedAt), gt(confirmationCodes.expiresAt, now));

const codeLength = 6;
const lifetimeMs = 7 * 24 * 3600 * 1000;

/** Six characters from 32 unambiguous ones (no 0/O, 1/I): about a billion codes, easy to read aloud. */
export function generateConfirmationCode(): string {
  // 256 is a multiple of 32, so taking each byte modulo 32 has no bias.
  return [...randomBytes(codeLength)].map((b) => confirmationCodeAlphabet[b % confirmationCodeAlphabet.length]).join("");
}

export type NewConfirmation = { workspaceId: string; contactId: string; commandId: string; categoryKeys: string[] };

/** Stores a one-time code for a sign-up; codes are unique per workspace, so a clash simply draws again. */
export async function createConfirmationCode(db: DbOrTx, input: NewConfirmation, now = new Date()): Promise<ConfirmationCode> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const [row] = await db
      .insert(confirmationCodes)
      .values({ ...input, code: generateConfirmationCode(), createdAt: now, expiresAt: new Date(now.getTime() + lifetimeMs) })
      .onConflictDoNothing()
      .returning();
    if (row) return row;
  }
  throw new Error("could not draw a free confirmation code");
}

/** The newest code of a sign-up that can still be used, for the receipt's "Confirm on WhatsApp" link. */
export async function findOpenConfirmationForCommand(db: DbOrTx, workspaceId: string, commandId: string, now = new Date()) {
  const [row] = await db
    .select()
    .from(confirmationCodes)
    .where(and(eq(confirmationCodes.workspaceId, workspaceId), eq(confirmationCodes.commandId, commandId), usable(now)))
    .orderBy(desc(confirmationCodes.createdAt))
    .limit(1);
  return row;
}

export type CodeLookup = { status: "valid" | "used" | "expired"; code: ConfirmationCode } | { status: "unknown" };

/**
 * What a code received on WhatsApp refers to, without using it. Case and spaces are forgiven (people retype).
 * For the WhatsApp webhook: tell "already confirmed" and "expired" apart from a code that never existed.
 */
export async function findConfirmationCode(db: DbOrTx, workspaceId: string, code: string, now = new Date()): Promise<CodeLookup> {
  const normalized = normalizeConfirmationCode(code);
  if (!normalized) return { status: "unknown" };
  const [row] = await db
    .select()
    .from(confirmationCodes)
    .where(and(eq(confirmationCodes.workspaceId, workspaceId), eq(confirmationCodes.code, normalized)));
  if (!row) return { status: "unknown" };
  if (row.usedAt) return { status: "used", code: row };
  if (row.expiresAt <= now) return { status: "expired", code: row };
  return { status: "valid", code: row };
}

/**
 * Uses a code once: marks it used and returns it, or undefined when it is unknown, used or expired. Atomic,
 * so two deliveries of the same WhatsApp message cannot both confirm. Call it in the same transaction as the
 * ledger's confirm command where possible; the command's idempotency key (the WhatsApp message id) covers retries.
 */
export async function useConfirmationCode(db: DbOrTx, workspaceId: string, code: string, now = new Date()): Promise<ConfirmationCode | undefined> {
  const normalized = normalizeConfirmationCode(code);
  if (!normalized) return undefined;
  const [row] = await db
    .update(confirmationCodes)
    .set({ usedAt: now })
    .where(and(eq(confirmationCodes.workspaceId, workspaceId), eq(confirmationCodes.code, normalized), usable(now)))
    .returning();
  return row;
}

/**
 * Erasure: the contact's codes are deleted, used or not. A code on an erased contact's receipt would still
 * confirm a sign-up whose number is gone, and sent from any phone it would tie that phone to the history;
 * once deleted it is as unknown as one never drawn. Call it in the erasure's transaction.
 */
export async function retireConfirmationCodes(db: DbOrTx, workspaceId: string, contactId: string): Promise<number> {
  const retired = await db
    .delete(confirmationCodes)
    .where(and(eq(confirmationCodes.workspaceId, workspaceId), eq(confirmationCodes.contactId, contactId)))
    .returning({ code: confirmationCodes.code });
  return retired.length;
}
