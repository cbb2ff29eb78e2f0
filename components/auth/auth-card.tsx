import Link from "next/link";
import type { ReactNode } from "react";

/** The centred card that frames sign-in, setup, invitation and reset pages. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col items-center justify-center bg-slate-50 px-4 py-10">
      <Link href="/" className="mb-6 text-lg font-bold tracking-tight text-brand-800">
        Assent
      </Link>
      <main className="w-full max-w-sm rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 className="mb-5 text-xl font-semibold text-slate-900">{title}</h1>
        {children}
      </main>
    </div>
  );
}
