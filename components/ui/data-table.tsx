import type { ReactNode } from "react";

export type Column = string | { label: ReactNode; key?: string; numeric?: boolean };

type Props = {
  columns: Column[];
  /** The body's rows (tr elements); cells get their padding from the table, so they carry only their own look. */
  children: ReactNode;
  /** Names the table for screen readers, unseen. */
  caption?: string;
  /** Names the table when a caption is not wanted (a chart's numbers: the heading above already says it). */
  label?: string;
  /** Its own border and header band; off inside a card, details or chart that frames it already. */
  framed?: boolean;
  size?: "sm" | "xs";
  /** For cells that wrap onto several lines. */
  alignTop?: boolean;
  /** Long tables scroll inside a box this high, their header kept in view. */
  tall?: boolean;
  className?: string;
};

const looks = {
  framed: {
    // scroll-hint (globals.css): a white box whose edge shadows say there is more to the side.
    wrapper: "scroll-hint rounded-xl border border-slate-200",
    table: "divide-y divide-slate-200",
    // Translucent, so the edge shadow shows through the header band too.
    head: "bg-slate-500/5",
    th: "font-semibold",
    cells: "[&_td]:px-4 [&_td]:py-3 [&_th]:px-4 [&_th]:py-3",
  },
  plain: {
    wrapper: "",
    table: "",
    head: "bg-white",
    th: "font-medium",
    cells: "[&_td]:pr-4 [&_td:last-child]:pr-0 [&_th]:pr-4 [&_th:last-child]:pr-0",
  },
} as const;

const sizes = { sm: "text-sm", xs: "text-xs" } as const;
// Unframed tables sit among other text, so their rows are tighter than a framed table's.
const plainRows = { sm: "[&_td]:py-1.5 [&_th]:py-1.5", xs: "[&_td]:py-1 [&_th]:py-1" } as const;

const label = (c: Column) => (typeof c === "string" ? c : c.label);
const key = (c: Column, i: number) => (typeof c === "string" ? c : (c.key ?? i));

/**
 * Every table's frame: it scrolls sideways inside itself (min-w-0 so a flex or grid parent cannot stretch it to the
 * table's width and push the page sideways on a phone), with one header style and one cell spacing. Headers do not
 * wrap: on a phone the table scrolls rather than breaking a heading over lines above a squeezed column.
 */
export function DataTable({ columns, children, caption, label: ariaLabel, framed = true, size = "sm", alignTop = false, tall = false, className = "" }: Props) {
  const look = looks[framed ? "framed" : "plain"];
  return (
    <div className={`min-w-0 max-w-full overflow-x-auto ${tall ? "max-h-96 overflow-y-auto" : ""} ${look.wrapper} ${className}`}>
      <table aria-label={ariaLabel} className={`min-w-full text-left ${sizes[size]} ${framed ? "" : plainRows[size]} ${look.table} ${look.cells}`}>
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead className={`text-xs uppercase tracking-wide text-slate-500 ${look.head} ${tall ? "sticky top-0" : ""}`}>
          <tr>
            {columns.map((c, i) => (
              <th key={key(c, i)} scope="col" className={`whitespace-nowrap ${look.th} ${typeof c !== "string" && c.numeric ? "text-right" : "text-left"}`}>
                {label(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className={`divide-y divide-slate-100 ${alignTop ? "align-top" : ""}`}>{children}</tbody>
      </table>
    </div>
  );
}
