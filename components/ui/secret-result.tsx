"use client";
import { useRef, useState, type ReactNode } from "react";

/** A secret shown this once, with a copy button; it is not stored anywhere it could be shown again. */
type Props = { id: string; label: string; value: string; onDone: () => void; children?: ReactNode; what?: string };

export function SecretResult({ id, label, value, onDone, children, what = "key" }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "select" | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("yes");
    } catch {
      // The clipboard API needs https (or localhost); otherwise select the text for the person to copy.
      input.current?.select();
      setCopied("select");
    }
  }
  return (
    <div className="space-y-2 rounded-lg border border-emerald-300 bg-emerald-50 p-4">
      <label htmlFor={id} className="block text-sm font-semibold text-emerald-900">
        {label}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          ref={input}
          id={id}
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-emerald-300 bg-white px-3 py-2 font-mono text-sm text-slate-900"
        />
        <button
          type="button"
          onClick={copy}
          className="rounded-md border border-emerald-500 bg-white px-4 py-2 text-sm font-semibold text-emerald-900 hover:bg-emerald-100"
        >
          {copied === "yes" ? "Copied" : `Copy ${what}`}
        </button>
      </div>
      <p aria-live="polite" className="text-sm text-emerald-900">
        {copied === "yes" && "Copied to the clipboard. "}
        {copied === "select" && `Your browser blocked copying; the ${what} is selected, press Ctrl+C (⌘C on a Mac). `}
        {children}
      </p>
      <button type="button" onClick={onDone} className="text-sm font-medium text-emerald-900 underline hover:no-underline">
        I have stored it; hide the {what}
      </button>
    </div>
  );
}
