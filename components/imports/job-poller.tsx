"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** While an import runs, re-renders the page from the server every second and a half, so its counts move. */
export function ImportJobPoller({ running }: { running: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => router.refresh(), 1500);
    return () => clearInterval(timer);
  }, [running, router]);
  return null;
}
