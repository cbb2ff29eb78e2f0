import type { ConsentAction, EventChannel } from "../ledger/types";

/** Words for the ledger's codes, shared by the dashboard, certificates and exports. */
export const channelLabels: Record<EventChannel, string> = {
  web: "Web form",
  sms: "SMS",
  whatsapp: "WhatsApp",
  ivr: "Phone (IVR)",
  paper: "Paper form",
  import: "Import",
  staff: "Staff",
  api: "API",
};

export const actionLabels: Record<ConsentAction, string> = {
  opt_in: "Opted in",
  opt_out: "Opted out",
  confirm: "Confirmed",
};

/** How the dashboard names a contact: the number, else the WhatsApp BSUID of someone who writes with a username. */
export function contactLabel(c: { phone: string | null; bsuid: string | null }): string {
  return c.phone ?? (c.bsuid ? `WhatsApp user ${c.bsuid}` : "(erased)");
}

export const stateLabels = { opted_in: "Opted in", opted_out: "Opted out", never: "Never opted in" } as const;
