import { describe, expect, it } from "vitest";
import { parseEnv } from "../env";

const parse = (vars: Record<string, string>) => parseEnv({ NODE_ENV: "test", ...vars });

describe("SMTP configuration", () => {
  it("needs SMTP_FROM with SMTP_URL, and smtp:// or smtps:// URLs", () => {
    expect(() => parse({ SMTP_URL: "smtp://u:p@mail.example:587" })).toThrow(/SMTP_FROM: is required when SMTP_URL is set/);
    expect(() => parse({ SMTP_URL: "https://mail.example", SMTP_FROM: "a@example.com" })).toThrow(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(() => parse({ SMTP_URL: "smtp://mail.example", SMTP_FROM: "Assent" })).toThrow(/SMTP_FROM: must be an address/);
    expect(parse({ SMTP_URL: "smtps://u:p@mail.example:465", SMTP_FROM: "Assent <no-reply@example.com>" })).toMatchObject({
      SMTP_FROM: "Assent <no-reply@example.com>",
    });
    expect(parse({ SMTP_FROM: "no-reply@example.com" }).SMTP_URL).toBeUndefined();
  });
});
