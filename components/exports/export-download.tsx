"use client";
import { useState } from "react";
import { buttonClass } from "@/components/ui/button";

type Format = "csv" | "jsonl";
type Props = { path: string; filters: string; initialFormat: Format; total: number };

const formats: [Format, string, string][] = [
  ["csv", "CSV (spreadsheets)", "CSV"],
  ["jsonl", "JSON Lines (systems)", "JSON Lines"],
];
type Progress = { rows: number; bytes: number } | null;

/**
 * A plain download link that, with JavaScript, shows progress: it reads the stream itself, counting rows
 * against the total the page showed, and saves the file when done. The browser keeps large downloads in its
 * disk-backed blob store, so the page does not hold the file in memory. The format is chosen here, beside the link
 * it changes, and applies at once: it narrows nothing, so it has no place among the filters that wait for "Apply".
 */
export function ExportDownload({ path, filters, initialFormat, total }: Props) {
  const [format, setFormat] = useState<Format>(initialFormat);
  const href = `${path}?${filters ? `${filters}&` : ""}format=${format}`;
  const label = `Download ${formats.find(([f]) => f === format)![2]}`;
  const [progress, setProgress] = useState<Progress>(null);
  const [error, setError] = useState<string | null>(null);

  async function download(event: React.MouseEvent<HTMLAnchorElement>) {
    if (!("ReadableStream" in window)) return; // let the link do it
    event.preventDefault();
    setError(null);
    setProgress({ rows: 0, bytes: 0 });
    try {
      const response = await fetch(href, { credentials: "same-origin" });
      if (!response.ok || !response.body) throw new Error(`The export failed (${response.status}).`);
      const parts: Blob[] = [];
      const reader = response.body.getReader();
      let rows = 0;
      let bytes = 0;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parts.push(new Blob([value]));
        bytes += value.byteLength;
        for (const byte of value) if (byte === 10) rows++;
        setProgress({ rows, bytes });
      }
      const name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "export";
      const url = URL.createObjectURL(new Blob(parts, { type: response.headers.get("content-type") ?? "text/plain" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      setError(e instanceof Error ? e.message : "The export failed.");
      setProgress(null);
    }
  }

  // CSV has a header line, JSON Lines none; both end each record with a newline.
  const done = progress ? Math.min(total, Math.max(0, progress.rows - (format === "jsonl" ? 0 : 1))) : 0;
  return (
    <div className="space-y-3">
      <fieldset>
        <legend className="block text-sm font-medium text-slate-800">Format</legend>
        <div className="mt-1 flex flex-wrap gap-x-5 gap-y-1 text-sm">
          {formats.map(([value, text]) => (
            <label key={value} className="flex items-center gap-2">
              <input
                type="radio"
                name="format"
                value={value}
                checked={format === value}
                onChange={() => setFormat(value)}
                disabled={progress !== null && done < total}
                className="h-4 w-4"
              />{" "}
              {text}
            </label>
          ))}
        </div>
      </fieldset>
      <a href={href} onClick={download} className={buttonClass("primary")} aria-disabled={progress !== null && done < total}>
        {label}
      </a>
      {progress && (
        <div>
          <label htmlFor="export-progress" className="text-sm text-slate-700">
            {done < total ? `Exporting… ${done.toLocaleString("en")} of ${total.toLocaleString("en")} events` : `Done: ${total.toLocaleString("en")} events`}
          </label>
          <progress id="export-progress" max={Math.max(total, 1)} value={done} className="mt-1 block h-2 w-full" />
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
