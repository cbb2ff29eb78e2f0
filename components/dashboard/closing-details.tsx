"use client";
import { usePathname } from "next/navigation";
import { type ReactNode, useEffect, useRef } from "react";

/**
 * A <details> that closes when the page changes. The header belongs to the layout, which stays mounted across
 * client navigations, so a plain <details> opened to follow one of its links would still hang open over the next page.
 */
export function ClosingDetails({ className, children }: { className?: string; children: ReactNode }) {
  const pathname = usePathname();
  const ref = useRef<HTMLDetailsElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs for each new path, which is the point
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);
  return (
    <details ref={ref} className={className}>
      {children}
    </details>
  );
}
