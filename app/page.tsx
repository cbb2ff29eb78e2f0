import Link from "next/link";
import { FeatureList } from "@/components/home/feature-list";
import { DEMO_FORM_SLUG, DEMO_SLUG } from "@/lib/public-pages/demo-ids";

export default function HomePage() {
  return (
    <div className="mx-auto flex min-h-dvh max-w-4xl flex-col px-5 py-8 sm:px-8">
      <header className="flex items-center justify-between">
        <span className="text-lg font-bold tracking-tight text-brand-800">Assent</span>
        <nav className="flex items-center gap-4 text-sm">
          <a href="/api/health" className="text-slate-600 underline-offset-4 hover:underline">
            Status
          </a>
          <Link href="/dashboard" className="font-medium text-brand-800 underline-offset-4 hover:underline">
            Sign in
          </Link>
        </nav>
      </header>

      <main className="flex-1">
        <section className="py-12 sm:py-16">
          <h1 className="text-3xl font-bold tracking-tight text-slate-900 sm:text-5xl">Get, keep and prove WhatsApp opt-in.</h1>
          <p className="mt-5 max-w-2xl text-lg leading-8 text-slate-600">
            WhatsApp asks businesses to get clear opt-in before they message people first. Assent hosts the opt-in pages, records every consent change in a
            tamper-evident ledger, honours opt-outs at once, and hands compliance staff the evidence.
          </p>
          <div className="mt-8 flex flex-col gap-3 sm:flex-row">
            <Link
              href={`/f/${DEMO_SLUG}/${DEMO_FORM_SLUG}`}
              className="inline-flex items-center justify-center rounded-lg bg-brand-700 px-5 py-3 font-semibold text-white hover:bg-brand-800"
            >
              Try the demo opt-in form
            </Link>
            <Link
              href="/dashboard"
              className="inline-flex items-center justify-center rounded-lg border border-slate-300 bg-white px-5 py-3 font-semibold text-slate-800 hover:bg-slate-50"
            >
              Open the dashboard
            </Link>
          </div>
        </section>

        <section aria-labelledby="what-you-get">
          <h2 id="what-you-get" className="mb-4 text-xl font-semibold">
            What you get
          </h2>
          <FeatureList />
        </section>
      </main>

      <footer className="mt-12 border-t border-slate-200 pt-6 text-sm text-slate-500">
        Assent is self-hosted: your consent records stay in your own database.
      </footer>
    </div>
  );
}
