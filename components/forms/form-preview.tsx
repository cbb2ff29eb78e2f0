/** The saved draft as the real page renders it, at a phone's width and a laptop's, side by side. */
export function FormPreview({ src }: { src: string }) {
  return (
    <section aria-labelledby="preview-heading" className="space-y-3">
      <h2 id="preview-heading" className="text-lg font-semibold text-slate-900">
        Preview
      </h2>
      <p className="text-sm text-slate-600">
        The saved draft, exactly as people will see it. It follows your edits a moment after you stop typing; nothing submitted here is recorded.
      </p>
      <div className="flex flex-col gap-6 lg:flex-row lg:items-start">
        <figure className="min-w-0 shrink-0">
          <figcaption className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">Phone, 360 px</figcaption>
          <iframe title="Preview on a phone" src={src} className="h-[640px] w-[360px] max-w-full rounded-2xl border-8 border-slate-800 bg-white" />
        </figure>
        <figure className="min-w-0 flex-1">
          <figcaption className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">Laptop, 1280 px (scaled)</figcaption>
          <div className="h-[400px] w-[640px] max-w-full overflow-hidden rounded-lg border border-slate-300">
            <iframe title="Preview on a laptop" src={src} className="h-[800px] w-[1280px] origin-top-left scale-50 bg-white" />
          </div>
        </figure>
      </div>
    </section>
  );
}
