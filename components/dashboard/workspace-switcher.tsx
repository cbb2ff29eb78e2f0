import Link from "next/link";
import type { MembershipSummary } from "@/lib/auth/guards";
import { roleLabels } from "@/lib/auth/roles";
import { ClosingDetails } from "./closing-details";

/**
 * A disclosure (no JavaScript needed) listing the user's workspaces and, for an owner, "Create a workspace".
 * Plain text when there is nothing to switch to or create.
 */
export function WorkspaceSwitcher({ current, memberships }: { current: MembershipSummary; memberships: MembershipSummary[] }) {
  const label = (
    <span className="flex min-w-0 flex-col leading-tight">
      <span className="truncate font-semibold text-slate-900">{current.businessName}</span>
      <span className="text-xs text-slate-500">{roleLabels[current.role]}</span>
    </span>
  );
  // The new workspace page is opened from a workspace the user owns (its action is authorised there): this one if
  // they own it, else the first they own.
  const createFrom = current.role === "owner" ? current.slug : memberships.find((m) => m.role === "owner")?.slug;
  if (memberships.length < 2 && !createFrom) return label;
  return (
    <ClosingDetails className="relative min-w-0">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1 hover:bg-slate-100">
        {label}
        <span aria-hidden className="text-slate-400">
          ▾
        </span>
        <span className="sr-only">Switch workspace</span>
      </summary>
      <ul className="absolute left-0 z-20 mt-1 w-64 max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white p-1 shadow-lg">
        {memberships.map((m) => (
          <li key={m.slug}>
            <Link
              href={`/${m.slug}`}
              aria-current={m.slug === current.slug ? "true" : undefined}
              className="block rounded-md px-3 py-2 text-sm hover:bg-slate-100 aria-[current]:font-semibold"
            >
              {m.businessName} <span className="text-slate-500">· {roleLabels[m.role]}</span>
            </Link>
          </li>
        ))}
        {createFrom && (
          <li className="mt-1 border-t border-slate-100 pt-1">
            <Link href={`/${createFrom}/new-workspace`} className="block rounded-md px-3 py-2 text-sm font-medium text-brand-800 hover:bg-slate-100">
              + Create a workspace
            </Link>
          </li>
        )}
      </ul>
    </ClosingDetails>
  );
}
