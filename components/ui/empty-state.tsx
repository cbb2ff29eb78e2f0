import type { ReactNode } from "react";

type Props = {
  /** A short first line, for empty states that also say what to do next. */
  title?: ReactNode;
  children?: ReactNode;
  /** Inside a card that already frames it: the text alone, without its own dashed box. */
  inline?: boolean;
};

/** What a list or table shows when it has nothing in it: why it is empty, and how things get there. */
export function EmptyState({ title, children, inline = false }: Props) {
  if (inline) return <p className="text-sm text-slate-600">{children}</p>;
  return (
    <div className="rounded-xl border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-sm text-slate-600 sm:p-10">
      {title && <p className="text-base font-medium text-slate-800">{title}</p>}
      {children && <p className={title ? "mt-1" : undefined}>{children}</p>}
    </div>
  );
}
