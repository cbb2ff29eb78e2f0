import type { ReactNode } from "react";
import type { MembershipSummary } from "@/lib/auth/guards";
import type { Role } from "@/lib/auth/roles";
import { NavLink } from "./nav-link";
import { navItemsFor } from "./nav-items";
import { WorkspaceSwitcher } from "./workspace-switcher";

type Props = {
  slug: string;
  role: Role;
  user: { name: string; email: string };
  memberships: MembershipSummary[];
  signOut: () => Promise<void>;
  children: ReactNode;
};

export function DashboardShell({ slug, role, user, memberships, signOut, children }: Props) {
  const current = memberships.find((m) => m.slug === slug) ?? { slug, businessName: slug, role };
  return (
    <div className="min-h-dvh bg-slate-50">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
          <span className="text-lg font-bold tracking-tight text-brand-800">Assent</span>
          <WorkspaceSwitcher current={current} memberships={memberships} />
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span className="hidden text-slate-600 sm:inline" title={user.email}>
              {user.name}
            </span>
            <form action={signOut}>
              <button type="submit" className="rounded-md px-2 py-1 font-medium text-slate-700 hover:bg-slate-100">
                Sign out
              </button>
            </form>
          </div>
        </div>
        <nav aria-label="Sections" className="scroll-hint mx-auto flex max-w-7xl gap-1 overflow-x-auto px-3 pb-2 sm:px-5">
          {navItemsFor(role).map((item) => (
            <NavLink key={item.href} href={item.href ? `/${slug}/${item.href}` : `/${slug}`} label={item.label} exact={!item.href} />
          ))}
        </nav>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6 sm:px-6">
        {children}
      </main>
    </div>
  );
}
