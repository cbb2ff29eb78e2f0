import type { EventChannel } from "../ledger/types";

const staffVia: Record<string, string> = {
  phone_call: "Phone call to staff",
  in_person: "In person, to staff",
  email: "Email to staff",
  letter: "Letter to staff",
  other: "Told staff",
};

/**
 * How the person said stop, in words compliance staff read (an opt-out's channel and evidence): what the
 * Opt-outs page lists beside the form they had signed up through.
 */
export function howTheyAsked(channel: EventChannel, evidence: Record<string, unknown>): string {
  const text = (key: string) => (typeof evidence[key] === "string" && evidence[key] ? (evidence[key] as string) : null);
  switch (channel) {
    case "whatsapp": {
      if (evidence.kind === "user_preference") return "Stopped marketing in WhatsApp";
      if (evidence.kind === "message_status") return "WhatsApp refused a marketing message (they had stopped marketing)";
      if (evidence.kind === "button") return `Tapped “${text("payload") ?? "a button"}” on WhatsApp`;
      const said = text("text");
      return said ? `Wrote “${said.slice(0, 40)}” on WhatsApp` : "On WhatsApp";
    }
    case "sms": {
      const said = text("keyword") ?? (evidence.optOutType === "STOP" ? "STOP" : null);
      return said ? `Texted “${said}”` : "By SMS";
    }
    case "web":
      return /\/p\/[^/]+/.test(text("pageUrl") ?? "") ? "Preference centre" : "On a web page";
    case "staff":
      return evidence.source === "erasure" ? "Asked for their data to be erased" : (staffVia[String(evidence.via)] ?? "Told staff");
    case "ivr":
      return `Pressed ${text("dtmfKey") ?? "a key"} in a phone menu`;
    case "paper":
      return "Signed a paper form";
    case "import":
      return `Imported from ${text("source") ?? "another system"}`;
    case "api":
      return `From another system through the API${text("system") ? ` (${text("system")})` : ""}`;
  }
}
