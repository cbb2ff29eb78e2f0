import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ReceiptView } from "@/components/opt-in/receipt-view";
import { getDb } from "@/lib/db/app-db";
import { findReceipt } from "@/lib/data/receipts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your WhatsApp sign-up", robots: { index: false } };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export default async function ReceiptPage({ params }: { params: Promise<{ workspace: string; receipt: string }> }) {
  const { workspace, receipt } = await params;
  if (!uuid.test(receipt)) notFound();
  const found = await findReceipt(await getDb(), workspace, receipt);
  if (!found) notFound();
  return <ReceiptView receipt={found} />;
}
