import { maskPhone, type findReceipt } from "@/lib/data/receipts";

type Receipt = NonNullable<Awaited<ReturnType<typeof findReceipt>>>;

export function ReceiptView({ receipt }: { receipt: Receipt }) {
  const when = new Intl.DateTimeFormat("en", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(receipt.occurredAt);
  return (
    <div className="min-h-dvh bg-slate-50">
      <main className="mx-auto max-w-xl px-4 py-8 sm:py-12">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-800">{receipt.businessName}</p>
        <h1 className="mt-1 text-2xl font-bold text-slate-900 sm:text-3xl">You’re signed up</h1>
        <p className="mt-3 text-slate-700">
          On {when} UTC, the number {maskPhone(receipt.phone)} agreed to get these messages from {receipt.businessName} on WhatsApp:
        </p>
        <ul className="mt-4 space-y-3">
          {receipt.items.map((item) => (
            <li key={item.key} className="rounded-xl border border-slate-200 bg-white p-4">
              <p className="font-semibold text-slate-900">{item.label}</p>
              {item.sentence && <p className="mt-1 text-slate-700">“{item.sentence}”</p>}
            </li>
          ))}
        </ul>
        {receipt.howToStop && <p className="mt-6 text-slate-700">{receipt.howToStop}</p>}
        <p className="mt-6 text-xs text-slate-500">
          Record {receipt.items.map((i) => i.hash.slice(0, 12)).join(", ")}: keep this page’s address as your receipt.
        </p>
      </main>
    </div>
  );
}
