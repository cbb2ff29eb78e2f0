import type { Role } from "./roles";

/**
 * Who may do what: the one table every guard reads. A permission names the data and the verb; a role either
 * has it or not. Adding a capability means adding a line here, and the authorisation matrix test then asks for
 * its expected outcome per role.
 */
const table = {
  "contacts:read": ["owner", "admin", "marketer", "compliance", "viewer"],
  "contacts:record": ["owner", "admin", "compliance"],
  "contacts:erase": ["owner", "admin", "compliance"],
  "evidence:read": ["owner", "admin", "compliance", "viewer"],
  "ledger:verify": ["owner", "admin", "compliance"],
  "exports:create": ["owner", "admin", "compliance"],
  "audit:read": ["owner", "admin", "compliance"],
  "optouts:read": ["owner", "admin", "marketer", "compliance", "viewer"],
  "forms:read": ["owner", "admin", "marketer", "compliance", "viewer"],
  "forms:manage": ["owner", "admin", "marketer"],
  "settings:manage": ["owner", "admin"],
  "members:manage": ["owner", "admin"],
  "api-keys:manage": ["owner", "admin"],
  "webhooks:manage": ["owner", "admin"],
  // Another business on the same install, with the caller as its owner: only an owner, who already answers for a
  // business here (an admin of a client's workspace should not spin up workspaces from it). Capped per account.
  "workspaces:create": ["owner"],
  // Quality figures are counts without personal data: everyone reads them. Marketers roll out the opt-in methods
  // the alerts are about, so they set the thresholds and record ratings; acknowledging an alert is open to every
  // role that acts on consent (not viewers, who only read).
  // Inbound items that could not be recorded: anyone who reads evidence sees that they arrived and why they
  // failed; only roles that record consent by hand may open their content (it is the person's message) or run
  // them again.
  "deadletters:read": ["owner", "admin", "compliance", "viewer"],
  "deadletters:content": ["owner", "admin", "compliance"],
  "deadletters:retry": ["owner", "admin", "compliance"],
  "quality:read": ["owner", "admin", "marketer", "compliance", "viewer"],
  "quality:manage": ["owner", "admin", "marketer"],
  "quality:acknowledge": ["owner", "admin", "marketer", "compliance"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof table;
export const permissions = Object.keys(table) as Permission[];

export function can(role: Role, permission: Permission): boolean {
  return (table[permission] as readonly Role[]).includes(role);
}

/** Owners may grant any role; admins any but owner, so an admin cannot promote themselves past the owner. */
export function canGrantRole(granter: Role, role: Role): boolean {
  if (granter === "owner") return true;
  if (granter === "admin") return role !== "owner";
  return false;
}

/**
 * Whether someone with `actor` in a workspace may change the account (its password) of someone with `target` there.
 * Owners are the top rank and may; admins only for the roles below theirs (not other admins, not owners). An
 * account is global, so lib/members/account-rights.ts asks this of every workspace the account belongs to.
 */
export function outranksForAccount(actor: Role, target: Role): boolean {
  if (actor === "owner") return true;
  if (actor === "admin") return target !== "owner" && target !== "admin";
  return false;
}
