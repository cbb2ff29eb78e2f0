import { can, type Permission } from "@/lib/auth/permissions";
import type { Role } from "@/lib/auth/roles";

type NavItem = { href: string; label: string; permission: Permission };

const items: NavItem[] = [
  { href: "", label: "Overview", permission: "quality:read" },
  { href: "contacts", label: "Contacts", permission: "contacts:read" },
  { href: "opt-outs", label: "Opt-outs", permission: "optouts:read" },
  { href: "forms", label: "Forms", permission: "forms:read" },
  { href: "exports", label: "Exports", permission: "exports:create" },
  { href: "ledger", label: "Ledger", permission: "evidence:read" },
  { href: "audit", label: "Audit log", permission: "audit:read" },
  { href: "dead-letters", label: "Dead letters", permission: "deadletters:read" },
  { href: "members", label: "Members", permission: "members:manage" },
  { href: "settings", label: "Settings", permission: "settings:manage" },
];

/** The dashboard sections this role may open; the pages check again, this only hides dead ends. */
export function navItemsFor(role: Role): NavItem[] {
  return items.filter((item) => can(role, item.permission));
}
