"use client";
import { useEffect, useState } from "react";

/** A one-time link, shown in full with the site's own address so it can be copied and sent on. */
export function LinkResult({ path, label }: { path: string; label: string }) {
  const [origin, setOrigin] = useState("");
  const [copied, setCopied] = useState(false);
  useEffect(() => setOrigin(window.location.origin), []);
  const link = `${origin}${path}`;
  return (
    <div className="rounded-lg border border-emerald-300 bg-emerald-50 p-3">
      <label htmlFor={`link-${path}`} className="block text-sm font-medium text-emerald-900">
        {label}
      </label>
      <div className="mt-1 flex gap-2">
        <input id={`link-${path}`} readOnly value={link} className="min-w-0 flex-1 rounded border border-emerald-300 bg-white px-2 py-1 font-mono text-xs" />
        <button
          type="button"
          onClick={async () => {
            await navigator.clipboard.writeText(link);
            setCopied(true);
          }}
          className="rounded border border-emerald-400 bg-white px-2 text-sm font-medium text-emerald-900"
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
    </div>
  );
}
