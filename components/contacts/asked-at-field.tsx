"use client";
import { useEffect, useRef, useState } from "react";
import { Field } from "@/components/ui/field";

/** "2026-12-04T14:05" in the browser's own zone: what a datetime-local input shows and takes. */
export function localNow(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

/** A datetime-local value read in the browser's zone (as the spec reads a date-time without offset), as UTC ISO. */
function toUtcIso(local: string): string {
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? "" : at.toISOString();
}

type Props = {
  value: string;
  onChange: (value: string) => void;
  error?: string;
  /** The value is still the "now" the form filled in: the request is being made as it is recorded. */
  isNow?: boolean;
};

/**
 * When the person asked, in the staff member's own time zone, sent as UTC in the hidden `occurredAt`: the server
 * cannot know the zone a local time was meant in. The parent fills in "now" after hydration (the server renders
 * in its own zone, which would be wrong and would not match the browser's render).
 *
 * Left at that "now", the field shows the minute but sends the moment of submitting: an opt-in the person made
 * earlier in the same minute (a form they had just filled in) is then before their request, not after it, and
 * does not refuse it as a later contrary change.
 */
export function AskedAtField({ value, onChange, error, isNow = false }: Props) {
  const [zone, setZone] = useState<string | null>(null);
  useEffect(() => setZone(Intl.DateTimeFormat().resolvedOptions().timeZone ?? null), []);
  const sent = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const form = sent.current?.form;
    if (!form || !isNow) return;
    // On the form itself, so it runs before React's submit handling (at the root) reads the form's data.
    const stamp = () => {
      if (sent.current) sent.current.value = new Date().toISOString();
    };
    form.addEventListener("submit", stamp);
    return () => form.removeEventListener("submit", stamp);
  }, [isNow]);
  return (
    <>
      <Field
        id="record-asked-at"
        label="When they asked"
        name="occurredAtLocal"
        type="datetime-local"
        required
        value={value}
        onChange={(event) => onChange(event.target.value)}
        hint={`Your own time${zone ? ` (${zone})` : ""}. When you record it is kept beside it.`}
        error={error}
      />
      <input ref={sent} type="hidden" name="occurredAt" value={toUtcIso(value)} />
    </>
  );
}
