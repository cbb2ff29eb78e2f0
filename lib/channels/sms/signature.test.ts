import { describe, expect, it } from "vitest";
import { twilioSignature, verifyTwilioSignature } from "./signature";

describe("Twilio request signature", () => {
  // The worked example from Twilio's security documentation.
  const url = "https://mycompany.com/myapp.php?foo=1&bar=2";
  const params: [string, string][] = [
    ["CallSid", "CA1234567890ABCDE"],
    ["Caller", "+12349013030"],
    ["Digits", "1234"],
    ["From", "+12349013030"],
    ["To", "+18005551212"],
  ];
  it("matches the documented example", () => {
    expect(twilioSignature(url, params, "12345")).toBe("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
  });
  it("sorts parameters by name and refuses any change", () => {
    const sig = twilioSignature(url, [...params].reverse(), "12345");
    expect(verifyTwilioSignature(url, params, sig, "12345")).toBe(true);
    expect(verifyTwilioSignature(url.replace("foo=1", "foo=2"), params, sig, "12345")).toBe(false);
    expect(verifyTwilioSignature(url, params, sig, "other")).toBe(false);
    expect(verifyTwilioSignature(url, params, null, "12345")).toBe(false);
  });
});
