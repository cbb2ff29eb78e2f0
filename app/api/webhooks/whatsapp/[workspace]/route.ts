import { receiveWhatsAppWebhook, verifyWhatsAppSubscription } from "@/lib/channels/whatsapp/webhook";
import { cloudApiSender } from "@/lib/channels/whatsapp/sender";
import { getDb } from "@/lib/server/app-database";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ workspace: string }> };

export async function GET(request: Request, { params }: Context) {
  return verifyWhatsAppSubscription(await getDb(), (await params).workspace, new URL(request.url));
}

export async function POST(request: Request, { params }: Context) {
  return receiveWhatsAppWebhook(await getDb(), (await params).workspace, request, { sender: cloudApiSender });
}
