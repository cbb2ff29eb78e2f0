import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import type { Role } from "@/lib/auth/roles";

const sections = [
  { href: "", label: "Business profile", permission: "settings:manage" },
  { href: "/categories", label: "Message categories", permission: "settings:manage" },
  { href: "/api-keys", label: "API keys", permission: "api-keys:manage" },
  { href: "/webhooks", label: "Webhooks", permission: "webhooks:manage" },
  { href: "/channels", label: "Channels", permission: "settings:manage" },
] as const;

export type SettingsSection = (typeof sections)[number]["href"];

/** The settings pages' heading and sub-navigation; each page passes which section it is. */
export function SettingsHeader({ slug, role, current, intro }: { slug: string; role: Role; current: SettingsSection; intro: string }) {
  const here = sections.find((s) => s.href === current)!;
  return (
    <div className="space-y-4">
      <div>
        <p className="text-sm font-medium text-slate-500">Settings</p>
        <h1 className="text-2xl font-semibold text-slate-900">{here.label}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{intro}</p>
      </div>
      <nav aria-label="Settings sections" className="flex gap-1 overflow-x-auto border-b border-slate-200">
        {sections
          .filter((s) => can(role, s.permission))
          .map((s) => {
            const active = s.href === current;
            return (
              <Link
                key={s.href}
                href={`/${slug}/settings${s.href}`}
                aria-current={active ? "page" : undefined}
                className={`-mb-px whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${active ? "border-brand-700 text-brand-800" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"}`}
              >
                {s.label}
              </Link>
            );
          })}
      </nav>
    </div>
  );
}
