import Link from "next/link";

type Value = string | number | null | undefined;

type Props = {
  /** The list's address without a query, e.g. /demo/opt-outs. */
  path: string;
  /** The filters the list was opened with; both links keep them. */
  params?: Record<string, Value>;
  /** The query parameter that holds the cursor, e.g. before. */
  cursor: string;
  /** The cursor of this page: set when this is not the first page, so there is a way back to it. */
  current?: Value;
  /** The cursor of the following page, when there is one. */
  next?: Value;
  labels?: { first: string; next: string };
};

/** A list's address with its filters, leaving out empty ones so links stay short. */
export function pageHref(path: string, params: Record<string, Value>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== "") query.set(key, String(value));
  return query.size ? `${path}?${query}` : path;
}

/** Back to the first page and on to the next one of a cursor-paged list, keeping its filters. */
export function Pager({ path, params = {}, cursor, current, next, labels = { first: "← Newest", next: "Older →" } }: Props) {
  if (!current && !next) return null;
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-3 text-sm">
      {current ? (
        <Link href={pageHref(path, { ...params, [cursor]: undefined })} className="font-medium text-brand-800 underline-offset-4 hover:underline">
          {labels.first}
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link
          href={pageHref(path, { ...params, [cursor]: next })}
          className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-800 hover:bg-slate-50"
        >
          {labels.next}
        </Link>
      ) : null}
    </nav>
  );
}
