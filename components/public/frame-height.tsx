"use client";
import { useEffect } from "react";
import { frameHeightMessage } from "@/lib/public-pages/frame-height";

/**
 * Inside another site's frame, reports the page's height whenever it changes (a refusal shown, the receipt, a
 * switched language), so the frame grows or shrinks to fit and never scrolls inside the site. It measures the
 * page's column, not the document: the page fills at least the frame, so the document could never shrink. Only
 * a height is sent, to whichever site frames the page (the form's list of sites decides which may).
 */
export function FrameHeight() {
  useEffect(() => {
    if (window.parent === window) return;
    const column = document.querySelector<HTMLElement>("[data-frame-content]");
    if (!column) return;
    let last = 0;
    const report = () => {
      const height = Math.ceil(column.getBoundingClientRect().bottom + window.scrollY);
      if (height === last) return;
      last = height;
      window.parent.postMessage({ type: frameHeightMessage, height }, "*");
    };
    const observer = new ResizeObserver(report);
    observer.observe(column);
    report();
    return () => observer.disconnect();
  }, []);
  return null;
}
