import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OptInPage } from "@/components/opt-in/opt-in-page";
import { getDb } from "@/lib/db/app-db";
import { findPublishedForm } from "@/lib/data/forms";
import { submitOptIn } from "./actions";

export const dynamic = "force-dynamic";

type Params = Promise<{ workspace: string; form: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { workspace, form } = await params;
  const found = await findPublishedForm(await getDb(), workspace, form);
  return { title: found ? `${found.workspace.businessName} on WhatsApp` : "Form not found", robots: { index: false } };
}

export default async function HostedFormPage({ params }: { params: Params }) {
  const { workspace, form } = await params;
  const found = await findPublishedForm(await getDb(), workspace, form);
  if (!found) notFound();
  return <OptInPage form={found} submissionId={randomUUID()} action={submitOptIn.bind(null, workspace, form)} />;
}
