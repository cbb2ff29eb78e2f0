"use client";
import { useState } from "react";
import { whiteTextContrast } from "@/lib/workspace/profile.validation";

const hex = /^#[0-9a-f]{6}$/i;

/** The brand colour as text and as a picker, kept in step, with the submit button it will colour previewed. */
export function BrandColorField({ defaultValue, error }: { defaultValue: string; error?: string }) {
  const [value, setValue] = useState(defaultValue);
  const valid = hex.test(value.trim());
  const color = valid ? value.trim().toLowerCase() : defaultValue;
  const contrast = whiteTextContrast(color);
  const describedBy = ["field-brandColor-hint", error ? "field-brandColor-error" : null].filter(Boolean).join(" ");
  return (
    <div>
      <label htmlFor="field-brandColor" className="block text-sm font-medium text-slate-800">
        Brand colour
      </label>
      <p id="field-brandColor-hint" className="mt-0.5 text-sm text-slate-500">
        Colours the business name and the sign-up button on hosted forms. It must be dark enough for white text.
      </p>
      <div className="mt-1 flex flex-wrap items-center gap-2">
        <input
          type="color"
          aria-label="Pick the brand colour"
          value={color}
          onChange={(e) => setValue(e.target.value)}
          className="h-10 w-12 shrink-0 cursor-pointer rounded-lg border border-slate-300 bg-white p-1"
        />
        <input
          id="field-brandColor"
          name="brandColor"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className="block w-32 rounded-lg border border-slate-300 bg-white px-3 py-2 font-mono text-base text-slate-900 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 aria-[invalid]:border-red-500"
        />
        <span aria-hidden="true" className="rounded-lg px-4 py-2 text-sm font-semibold text-white" style={{ backgroundColor: color }}>
          Sign me up
        </span>
        <span className={`text-xs ${contrast >= 4.5 ? "text-slate-500" : "font-medium text-red-700"}`}>Contrast {contrast.toFixed(1)}:1</span>
      </div>
      {error && (
        <p id="field-brandColor-error" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
