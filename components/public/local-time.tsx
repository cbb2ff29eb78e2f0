"use client";
import { useEffect, useState } from "react";

type Props = {
  /** The moment, as an ISO string (a Date does not cross to a client component). */
  at: string;
  language: string;
  /** "Your time:", in the page's language. */
  label: string;
};

/**
 * The moment in the reader's own time zone, beside the UTC time the server printed. Only the browser knows its
 * zone, so this renders nothing on the server and without JavaScript (the UTC time stands alone, and is right),
 * and nothing when the reader's zone is UTC itself. The zone is only read here, never sent or recorded: it is not
 * evidence of the opt-in, and the ledger's times are UTC.
 */
export function LocalTime({ at, language, label }: Props) {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === "UTC" || zone === "Etc/UTC") return;
    // The zone as its offset in the page's language ("GMT+5:30"), not its IANA name: browsers answer old aliases
    // (Asia/Calcutta) and the name means little to a reader; the offset says exactly how it relates to UTC.
    const when = new Intl.DateTimeFormat(language, {
      year: "numeric",
      month: "long",
      day: "numeric",
      hour: "numeric",
      minute: "2-digit",
      timeZoneName: "short",
      timeZone: zone,
    }).format(new Date(at));
    setText(`${label} ${when}`);
  }, [at, language, label]);
  if (!text) return null;
  return (
    <span className="block text-sm text-slate-600" data-testid="receipt-local-time">
      {text}
    </span>
  );
}
