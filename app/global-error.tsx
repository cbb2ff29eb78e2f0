"use client";

import "./globals.css";
import { PageError } from "@/components/ui/page-error";

// Replaces the root layout when the layout itself fails, so it brings its own <html> and <body>.
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en">
      <body className="bg-slate-50">
        <PageError error={error} />
      </body>
    </html>
  );
}
