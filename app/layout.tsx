import type { Metadata, Viewport } from "next";
import { documentLanguage } from "@/lib/public-pages/pages";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Assent: WhatsApp opt-in you can prove", template: "%s · Assent" },
  description: "Get, keep and prove WhatsApp opt-in: hosted opt-in pages, one tamper-evident consent ledger, instant opt-outs.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#0f766e" };

// The consumer pages are shown in the visitor's language; <html lang> must say which (WCAG 3.1.1).
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang={await documentLanguage()}>
      <body className="min-h-dvh bg-white font-sans text-slate-900 antialiased">{children}</body>
    </html>
  );
}
