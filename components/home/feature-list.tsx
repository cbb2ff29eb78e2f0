const features = [
  {
    title: "One opt-in per kind of message",
    body: "Order updates, offers and recommendations each get their own unticked box and a sentence that names your business and WhatsApp.",
  },
  {
    title: "Every channel, one ledger",
    body: "Website, SMS keyword, WhatsApp thread, IVR call or signed paper form: every consent change lands in one hash-chained, append-only ledger.",
  },
  {
    title: "Opt-outs honoured at once",
    body: "An opt-out takes effect in the same transaction that records it, and your sending systems can check any number before each message.",
  },
  {
    title: "Proof on request",
    body: "For each person: the exact wording they saw, when, where and how, with a verifiable chain that shows nothing was changed or removed.",
  },
];

export function FeatureList() {
  return (
    <ul className="grid gap-4 sm:grid-cols-2">
      {features.map((f) => (
        <li key={f.title} className="rounded-xl border border-slate-200 bg-white p-5">
          <h3 className="font-semibold text-slate-900">{f.title}</h3>
          <p className="mt-2 text-sm leading-6 text-slate-600">{f.body}</p>
        </li>
      ))}
    </ul>
  );
}
