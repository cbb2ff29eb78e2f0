import type { ReactNode } from "react";
import { DataTable } from "@/components/ui/data-table";
import { csvRow } from "@/lib/exports/csv";

export type Column = { label: string; numeric?: boolean };

type Props = {
  id: string;
  title: string;
  description?: string;
  columns: Column[];
  rows: (string | number)[][];
  /** File name of the CSV download, without extension. */
  csvName: string;
  empty?: string;
  /** A line above the chart about what it cannot show yet (the rating chart with no rating). */
  note?: string;
  /** The chart; without one the table itself is shown, open. */
  children?: ReactNode;
};

/**
 * A chart with the numbers it draws: a table (the accessible form of the chart, and what the tests read) behind
 * a disclosure, and the same rows as a CSV download built on the server, so it needs no script and no request.
 */
export function ChartFrame({ id, title, description, columns, rows, csvName, empty = "Nothing recorded in this period yet.", note, children }: Props) {
  const csv = csvRow(columns.map((c) => c.label)) + rows.map((r) => csvRow(r)).join("");
  return (
    <section aria-labelledby={`${id}-title`} className="min-w-0 rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          {description && <p className="mt-0.5 text-sm text-slate-600">{description}</p>}
        </div>
        <a
          href={`data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`}
          download={`${csvName}.csv`}
          className="shrink-0 rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50"
        >
          Download CSV<span className="sr-only">: {title}</span>
        </a>
      </div>
      {rows.length === 0 ? (
        <p className="mt-6 mb-4 text-center text-sm text-slate-500">{empty}</p>
      ) : (
        <>
          {note && <p className="mt-3 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600">{note}</p>}
          {children && (
            <div className="mt-3" aria-hidden="true">
              {children}
            </div>
          )}
          {children ? (
            <details className="mt-2 text-sm">
              <summary className="cursor-pointer text-brand-800 hover:underline">Table of these numbers</summary>
              <NumbersTable title={title} columns={columns} rows={rows} />
            </details>
          ) : (
            <NumbersTable title={title} columns={columns} rows={rows} />
          )}
        </>
      )}
    </section>
  );
}

function NumbersTable({ title, columns, rows }: { title: string; columns: Column[]; rows: (string | number)[][] }) {
  return (
    <DataTable framed={false} tall label={title} className="mt-2" columns={columns}>
      {rows.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows of figures without ids, redrawn whole; none keeps state of its own
        <tr key={i}>
          {r.map((v, j) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a row's cells are its columns, in their order
            <td key={j} className={columns[j]?.numeric ? "text-right tabular-nums" : undefined}>
              {typeof v === "number" ? v.toLocaleString("en") : v}
            </td>
          ))}
        </tr>
      ))}
    </DataTable>
  );
}
