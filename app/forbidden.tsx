import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="mx-auto max-w-lg px-6 py-20 text-center">
      <p className="text-sm font-semibold text-red-700">403</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">Your role does not allow this</h1>
      <p className="mt-3 text-slate-600">Ask an owner or admin of this workspace if you need access.</p>
      <Link href="/dashboard" className="mt-6 inline-block font-medium text-brand-800 underline">
        Back to the dashboard
      </Link>
    </div>
  );
}
