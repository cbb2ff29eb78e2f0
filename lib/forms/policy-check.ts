import type { FormVersionContent } from "../db/schema/form-content";

// The shape of a policy check, apart from policy.ts: channel-policy.ts makes checks too and policy.ts runs it.
export type PolicyCheck = { id: string; title: string; severity: "required" | "warning"; passed: boolean; why: string; problems: string[] };
export type PolicyContext = {
  businessName: string;
  categories: { key: string; label: string }[];
  /** The form's channel; web when not given. SMS, WhatsApp and IVR forms get their own checks too. */
  channel?: string;
  /** The workspace's brand colour: the accent of a form without colours of its own. */
  brandColor?: string;
  /** False when the channel is known to be unable to send a keyword's reply (WhatsApp without an access token). */
  canReply?: boolean;
  /**
   * The workspace's WhatsApp number (E.164), shown on the hosted form and receipt; null when none is set. Left
   * out (undefined) by a caller that does not know it, and then not checked.
   */
  whatsappNumber?: string | null;
  /** The live version, when there is one: a field changed in one language since it is flagged in the others. */
  live?: { version: number; content: FormVersionContent } | null;
  /** The flagged translations staff confirmed as still right (driftKey in translation-drift.ts): not warned about. */
  translationChecks?: readonly string[];
};
