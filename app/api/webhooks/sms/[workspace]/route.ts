import { receiveSmsWebhook } from "@/lib/channels/sms/webhook";
import { getDb } from "@/lib/server/app-database";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ workspace: string }> }) {
  return receiveSmsWebhook(await getDb(), (await params).workspace, request);
}
