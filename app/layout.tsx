import type { Metadata, Viewport } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Assent: WhatsApp opt-in you can prove", template: "%s · Assent" },
  description: "Get, keep and prove WhatsApp opt-in: hosted opt-in pages, one tamper-evident consent ledger, instant opt-outs.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#0f766e" };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh bg-white font-sans text-slate-900 antialiased">{children}</body>
    </html>
  );
}
