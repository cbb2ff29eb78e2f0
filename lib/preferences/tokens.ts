import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import type { Db, DbOrTx } from "../db/client";
import { contacts, preferenceTokens } from "../db/schema/ledger";
import { workspaces } from "../db/schema/workspaces";
import { NotFoundError } from "../errors";

/** 32 random bytes in base64url: 43 characters. Anything else is refused before touching the database. */
const tokenShape = /^[A-Za-z0-9_-]{43}$/;

export function hashPreferenceToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function looksLikePreferenceToken(token: string): boolean {
  return tokenShape.test(token);
}

/** A new token and the hash that is stored; the plain token is shown once and never kept. */
export function newPreferenceToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashPreferenceToken(token) };
}

/**
 * Makes a new preference-centre link for a contact and returns the token: the only time it exists in plain.
 * Older links of the contact stop working, so a person holds one live link at a time. Refused for a contact
 * whose data is erased (until they sign up again) or one of another workspace.
 */
export async function issuePreferenceToken(db: Db, workspaceId: string, contactId: string): Promise<string> {
  const { token, hash } = newPreferenceToken();
  await db.transaction(async (tx) => {
    const [contact] = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.id, contactId), eq(contacts.workspaceId, workspaceId), isNotNull(contacts.phone)))
      .for("update");
    if (!contact) throw new NotFoundError("The contact");
    await revokePreferenceTokens(tx, workspaceId, contactId);
    await tx.insert(preferenceTokens).values({ workspaceId, contactId, tokenHash: hash });
  });
  return token;
}

/** Revokes every live link of a contact (erasure, a new link, a staff request). Returns how many. */
export async function revokePreferenceTokens(db: DbOrTx, workspaceId: string, contactId: string, now = new Date()): Promise<number> {
  const rows = await db
    .update(preferenceTokens)
    .set({ revokedAt: now })
    .where(and(eq(preferenceTokens.workspaceId, workspaceId), eq(preferenceTokens.contactId, contactId), isNull(preferenceTokens.revokedAt)))
    .returning({ id: preferenceTokens.id });
  return rows.length;
}

export type PreferenceLink = { id: string; workspaceId: string; contactId: string };

/** The live link a token opens; undefined for a malformed, forged or revoked token, or an erased contact. */
export async function findPreferenceLink(db: DbOrTx, token: string): Promise<PreferenceLink | undefined> {
  if (!looksLikePreferenceToken(token)) return undefined;
  const [row] = await db
    .select({ id: preferenceTokens.id, workspaceId: preferenceTokens.workspaceId, contactId: preferenceTokens.contactId })
    .from(preferenceTokens)
    .innerJoin(contacts, eq(contacts.id, preferenceTokens.contactId))
    .where(and(eq(preferenceTokens.tokenHash, hashPreferenceToken(token)), isNull(preferenceTokens.revokedAt), isNotNull(contacts.phone)));
  return row;
}

/** Why a real link no longer opens: a newer link replaced it, or the person's data was erased. */
export type RetiredPreferenceLink = { reason: "replaced" | "erased"; businessName: string; defaultLanguage: string };

/**
 * A link that once worked and no longer does, so its page can say why and what to do (an old receipt's link is
 * the usual one). Undefined for a live link, and for a token that never existed: a guess learns nothing.
 */
export async function findRetiredPreferenceLink(db: DbOrTx, token: string): Promise<RetiredPreferenceLink | undefined> {
  if (!looksLikePreferenceToken(token)) return undefined;
  const [row] = await db
    .select({
      revokedAt: preferenceTokens.revokedAt,
      phone: contacts.phone,
      businessName: workspaces.businessName,
      defaultLanguage: workspaces.defaultLanguage,
    })
    .from(preferenceTokens)
    .innerJoin(contacts, eq(contacts.id, preferenceTokens.contactId))
    .innerJoin(workspaces, eq(workspaces.id, preferenceTokens.workspaceId))
    .where(eq(preferenceTokens.tokenHash, hashPreferenceToken(token)));
  if (!row) return undefined;
  if (row.phone === null) return { reason: "erased", businessName: row.businessName, defaultLanguage: row.defaultLanguage };
  if (row.revokedAt) return { reason: "replaced", businessName: row.businessName, defaultLanguage: row.defaultLanguage };
  return undefined;
}

export async function markPreferenceLinkUsed(db: DbOrTx, linkId: string, now = new Date()): Promise<void> {
  await db.update(preferenceTokens).set({ lastUsedAt: now }).where(eq(preferenceTokens.id, linkId));
}
