import { describe, expect, it } from "vitest";
import { evidenceRepeatingPersonalData } from "./evidence-privacy";

const who = { phone: "+12015550177", name: "Zofia Quintero", ip: "198.18.42.77", userAgent: "Mozilla/5.0 (Linux; Android 9)" };

describe("evidence that would repeat personal data", () => {
  it("finds the number in any written form, the name, the IP and the user agent in typed evidence", () => {
    const evidence = {
      reference: "lead +12015550177",
      system: "CRM",
      recordingUrl: "https://rec.example/calls/201-555-0177.wav",
      source: "sign-up by ZOFIA QUINTERO",
      pageUrl: "https://shop.example/join?from=198.18.42.77",
      documentUrl: "https://docs.example/scan-2015550177.pdf",
      callId: "CA123",
    };
    expect(evidenceRepeatingPersonalData("api", evidence, who).sort()).toEqual(["documentUrl", "pageUrl", "recordingUrl", "reference", "source"]);
    expect(evidenceRepeatingPersonalData("import", { source: "Spring fair", reference: "R-17" }, who)).toEqual([]);
    expect(evidenceRepeatingPersonalData("ivr", { callId: "CA1", recordingUrl: `https://rec.example/?ua=${who.userAgent}` }, who)).toEqual(["recordingUrl"]);
  });

  it("never refuses what a provider sent, nor a name too short to tell from a word", () => {
    expect(evidenceRepeatingPersonalData("whatsapp", { messageId: "wamid.x", kind: "text", text: "STOP Zofia Quintero" }, who)).toEqual([]);
    expect(evidenceRepeatingPersonalData("sms", { messageId: "SM12015550177" }, who)).toEqual([]);
    expect(evidenceRepeatingPersonalData("api", { system: "Al's CRM" }, { name: "Al" })).toEqual([]);
  });
});
