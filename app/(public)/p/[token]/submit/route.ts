import { submitPreferenceChange } from "@/lib/preferences/change.routes";
import { getDb } from "@/lib/server/app-database";

export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  return submitPreferenceChange(await getDb(), request, await params);
}
