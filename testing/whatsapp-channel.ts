import type { ActiveSession } from "../lib/auth/staff-sessions";
import { saveWhatsAppChannel } from "../lib/channels/settings.actions";
import type { Db } from "../lib/db/client";
import { runWorkspaceAction } from "../lib/handlers/workspace-action";
import { testPhoneNumberId } from "./meta-cloud";
import { testMeta } from "./staff";

/**
 * Connects the workspace's WhatsApp channel as an admin does in Settings, with the app secret Meta signs with and no
 * access token: replies would go to graph.facebook.com, which this machine cannot reach (there is no stand-in Graph
 * API yet), so none is sent. A module of its own: the seed scripts run on import, so they cannot export it.
 */
export async function connectWhatsAppWithoutReplies(db: Db, admin: ActiveSession, workspace: string, appSecret: string): Promise<void> {
  const saved = await runWorkspaceAction(saveWhatsAppChannel, db, admin, testMeta, { workspace, phoneNumberId: testPhoneNumberId, appSecret, accessToken: "" });
  if (!saved.ok) throw new Error(`WhatsApp settings: ${saved.message}`);
}
