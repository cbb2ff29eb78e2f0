import { submitHostedForm } from "@/lib/channels/web/submit.routes";
import { getDb } from "@/lib/server/app-database";

export async function POST(request: Request, { params }: { params: Promise<{ workspace: string; form: string }> }): Promise<Response> {
  return submitHostedForm(await getDb(), request, await params);
}
