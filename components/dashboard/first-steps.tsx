import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import type { Role } from "@/lib/auth/roles";

type Progress = { categories: number; forms: number; published: number };

/**
 * The overview of a workspace that cannot collect consent yet (a new one has no categories and no forms): what to
 * do first, in order, each step linked for the roles that may do it. Gone once a form is published.
 */
export function FirstSteps({ slug, role, progress }: { slug: string; role: Role; progress: Progress }) {
  if (progress.published > 0) return null;
  const steps = [
    {
      done: progress.categories > 0,
      text: "Add the kinds of message you send (order updates, offers…): people opt in to each separately.",
      link: can(role, "settings:manage") ? { href: `/${slug}/settings/categories`, label: "Message categories" } : undefined,
    },
    {
      done: progress.forms > 0,
      text: "Create an opt-in form: a page, a keyword, a phone menu or a paper form.",
      link: can(role, "forms:manage") ? { href: `/${slug}/forms`, label: "Forms" } : undefined,
    },
    { done: false, text: "Write its wording and publish it; then share its link or QR code.", link: undefined },
    {
      done: false,
      text: "Invite your team, and connect WhatsApp or SMS so replies such as STOP are recorded.",
      link: can(role, "members:manage") ? { href: `/${slug}/members`, label: "Members" } : undefined,
    },
  ];
  return (
    <section aria-labelledby="first-steps" className="rounded-xl border border-brand-100 bg-brand-50 p-4 sm:p-5">
      <h2 id="first-steps" className="text-base font-semibold text-slate-900">
        Nothing collected yet: first steps
      </h2>
      <p className="mt-1 text-sm text-slate-700">This workspace starts empty. The figures below fill in as people opt in through a published form.</p>
      <ol className="mt-3 list-decimal space-y-1.5 pl-5 text-sm text-slate-800">
        {steps.map((s) => (
          <li key={s.text} className={s.done ? "text-slate-500 line-through" : undefined}>
            {s.text}
            {s.link && !s.done && (
              <>
                {" "}
                <Link href={s.link.href} className="font-medium text-brand-800 underline hover:no-underline">
                  {s.link.label}
                </Link>
              </>
            )}
            {s.done && <span className="sr-only"> (done)</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
