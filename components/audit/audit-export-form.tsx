import { buttonClass } from "@/components/ui/button";

const fieldClass = "mt-1 block rounded-lg border border-slate-300 bg-white px-2 py-2 text-sm";
const labelClass = "block text-sm font-medium text-slate-800";

/**
 * The audit log as a CSV file, for whole UTC days (either end may stay empty). A plain GET form: the browser saves
 * the streamed file and stays on the page; the route checks the dates and the reader's permission itself.
 */
export function AuditExportForm({ path }: { path: string }) {
  return (
    <form
      method="get"
      action={path}
      aria-label="Export the audit log"
      className="flex flex-wrap items-end gap-4 rounded-xl border border-slate-200 bg-white p-4"
    >
      <div>
        <label htmlFor="audit-export-from" className={labelClass}>
          From (UTC)
        </label>
        <input id="audit-export-from" type="date" name="from" className={fieldClass} />
      </div>
      <div>
        <label htmlFor="audit-export-to" className={labelClass}>
          To, inclusive (UTC)
        </label>
        <input id="audit-export-to" type="date" name="to" className={fieldClass} />
      </div>
      <button type="submit" className={buttonClass("secondary")}>
        Download CSV
      </button>
    </form>
  );
}
