import { buttonClass } from "@/components/ui/button";

const fieldClass = "mt-1 block rounded-lg border border-slate-300 bg-white px-2 py-2 text-sm";
const labelClass = "block text-sm font-medium text-slate-800";

type Props = {
  path: string;
  /** The dates of a refused export, as they were sent, and what was wrong with each (lib/audit/routes.ts). */
  values?: { from?: string; to?: string };
  errors?: Record<string, string>;
};

/**
 * The audit log as a CSV file, for whole UTC days (either end may stay empty). A plain GET form: the browser saves
 * the streamed file and stays on the page; the route checks the dates and the reader's permission itself, and sends
 * a refused range back to this page, which shows it here with its problem.
 */
export function AuditExportForm({ path, values = {}, errors = {} }: Props) {
  const dateField = (field: "from" | "to", label: string) => {
    const errorId = errors[field] ? `audit-export-${field}-error` : undefined;
    return (
      <div>
        <label htmlFor={`audit-export-${field}`} className={labelClass}>
          {label}
        </label>
        <input
          id={`audit-export-${field}`}
          type="date"
          name={field}
          defaultValue={values[field] ?? ""}
          aria-invalid={errorId ? true : undefined}
          aria-describedby={errorId}
          className={fieldClass}
        />
        {errorId && (
          <p id={errorId} className="mt-1 max-w-56 text-sm text-red-700 first-letter:uppercase">
            {errors[field]}
          </p>
        )}
      </div>
    );
  };
  return (
    <form
      method="get"
      action={path}
      aria-label="Export the audit log"
      className="flex flex-wrap items-start gap-4 rounded-xl border border-slate-200 bg-white p-4"
    >
      {dateField("from", "From (UTC)")}
      {dateField("to", "To, inclusive (UTC)")}
      <button type="submit" className={`mt-6 ${buttonClass("secondary")}`}>
        Download CSV
      </button>
    </form>
  );
}
