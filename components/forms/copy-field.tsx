"use client";
import { useId, useRef, useState } from "react";

/** A read-only value with a copy button; falls back to selecting the text where the clipboard API is blocked. */
export function CopyField({ label, value, multiline = false, hint }: { label: string; value: string; multiline?: boolean; hint?: string }) {
  const id = useId();
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [state, setState] = useState<"idle" | "copied" | "select">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      // The clipboard API needs https (or localhost): select the text for Ctrl+C instead.
      field.current?.select();
      setState("select");
    }
  }
  const fieldClass = "min-w-0 flex-1 rounded-lg border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs text-slate-900";
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {hint && <p className="text-xs text-slate-600">{hint}</p>}
      <div className={`mt-1 flex gap-2 ${multiline ? "flex-col sm:flex-row sm:items-start" : ""}`}>
        {multiline ? (
          <textarea ref={field} id={id} readOnly value={value} rows={3} onFocus={(e) => e.currentTarget.select()} className={`${fieldClass} resize-none`} />
        ) : (
          <input ref={field} id={id} readOnly value={value} onFocus={(e) => e.currentTarget.select()} className={fieldClass} />
        )}
        <button
          type="button"
          onClick={copy}
          className="shrink-0 rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm font-semibold text-slate-800 shadow-sm hover:bg-slate-50"
        >
          {state === "copied" ? "Copied" : "Copy"}
        </button>
      </div>
      <p aria-live="polite" className="text-xs text-slate-600">
        {state === "copied" && "Copied to the clipboard."}
        {state === "select" && "Your browser blocked copying; the text is selected, press Ctrl+C (⌘C on a Mac)."}
      </p>
    </div>
  );
}
