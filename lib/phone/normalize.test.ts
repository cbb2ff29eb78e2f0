import { describe, expect, it } from "vitest";
import { cleanPhoneInput, normalizePhone, PhoneError } from "./normalize";

function problemOf(input: string, country = "US"): string | undefined {
  try {
    normalizePhone(input, country);
    return undefined;
  } catch (error) {
    if (error instanceof PhoneError) return error.problem;
    throw error;
  }
}

describe("normalizePhone", () => {
  it("reads national numbers in the workspace's country", () => {
    expect(normalizePhone("(201) 555-0123", "US")).toBe("+12015550123");
    expect(normalizePhone("07400 123456", "GB")).toBe("+447400123456");
    expect(normalizePhone("98765 43210", "IN")).toBe("+919876543210");
  });

  it("keeps an explicit country code whatever the default", () => {
    expect(normalizePhone("+55 11 91234-5678", "US")).toBe("+5511912345678");
    expect(normalizePhone("0044 7400 123456", "US")).toBe("+447400123456");
  });

  it("names what is wrong", () => {
    expect(problemOf("")).toBe("required");
    expect(problemOf("call me")).toBe("not_a_number");
    expect(problemOf("12")).toBe("too_short");
    expect(problemOf("+1 201 555 0123 4567 89")).toBe("too_long");
    expect(problemOf("+1 099 555 0123")).toBe("invalid_for_country");
    // A London landline: WhatsApp cannot reach it.
    expect(problemOf("020 7946 0018", "GB")).toBe("not_mobile");
  });

  it("puts the field name on the error", () => {
    try {
      normalizePhone("12", "US", "callerNumber");
      expect.unreachable();
    } catch (error) {
      expect((error as PhoneError).fields[0]).toMatchObject({ field: "callerNumber", code: "phone_too_short" });
    }
  });
});

// Numbers as people paste them: from Contacts, a web page, a spreadsheet, an IME. Each must read as typed plainly.
describe("normalizePhone with pasted characters", () => {
  const cases: [string, string, string][] = [
    ["en dashes", "+1 201\u2013555\u20130144", "+12015550144"],
    ["em dashes", "201\u2014555\u20140144", "+12015550144"],
    ["non-breaking hyphens", "201\u2011555\u20110144", "+12015550144"],
    ["hyphens (U+2010) and a horizontal bar", "201\u2010555\u20150144", "+12015550144"],
    ["figure dash and minus sign", "201\u2012555\u22120144", "+12015550144"],
    ["full-width dash (U+FF0D) and small hyphen-minus", "201\uff0d555\ufe630144", "+12015550144"],
    ["left-to-right marks around the number (iOS Contacts)", "\u200e+1 (201) 555-0144\u200e", "+12015550144"],
    ["right-to-left mark", "\u200f+1 201 555 0144", "+12015550144"],
    ["embedding and override controls", "\u202a+1 201 555 0144\u202c\u202b\u202d\u202e", "+12015550144"],
    ["isolates", "\u2066+1 201 555 0144\u2069\u2067\u2068", "+12015550144"],
    ["zero-width space, joiner, non-joiner, word joiner", "201\u200b555\u200c01\u200d4\u20604", "+12015550144"],
    ["a byte-order mark and a soft hyphen", "\ufeff201\u00ad555 0144", "+12015550144"],
    ["full-width digits and plus sign", "\uff0b\uff11 \uff12\uff10\uff11 \uff15\uff15\uff15 \uff10\uff11\uff14\uff14", "+12015550144"],
    ["full-width parentheses", "\uff08201\uff09555-0144", "+12015550144"],
    ["no-break spaces", "+1\u00a0201\u00a0555\u00a00144", "+12015550144"],
    ["narrow no-break, figure, thin and ideographic spaces", "+1\u202f201\u2007555\u20090144\u3000", "+12015550144"],
    ["a tab and a line break", "\t+1 201\n555 0144\r\n", "+12015550144"],
    ["Devanagari digits", "+\u096f\u0967 \u096f\u096e\u096d\u096c\u096b \u096a\u0969\u0968\u0967\u0966", "+919876543210"],
    ["Arabic-Indic digits", "\u0660\u0667\u0669\u0661\u0661 \u0661\u0662\u0663\u0664\u0665\u0666", "+447911123456"],
  ];
  it.each(cases)("reads %s", (_what, input, expected) => {
    const country = expected === "+447911123456" ? "GB" : expected === "+919876543210" ? "IN" : "US";
    if (expected.startsWith("+")) expect(normalizePhone(input, country)).toBe(expected);
    else expect(problemOf(input, country)).toBe(expected);
  });

  it("still refuses what is not a number once the formatting is gone", () => {
    expect(problemOf("\u200e\u200f")).toBe("required");
    expect(problemOf("\u00a0\u3000")).toBe("required");
    expect(problemOf("\u200ecall me\u200e")).toBe("not_a_number");
    expect(problemOf("201 555 0144 \u260e")).toBe("not_a_number");
    expect(problemOf("\u2013\u2014")).toBe("not_a_number");
  });

  it("reads a pasted number exactly as the plain one, whatever the cache holds", () => {
    // The plain form first, so the pasted one would be a cache miss if the key were the raw input.
    expect(normalizePhone("+44 7911 123456", "US")).toBe("+447911123456");
    expect(normalizePhone("\u202a+44\u00a07911\u2013123456\u202c", "US")).toBe("+447911123456");
    expect(problemOf("\u200e55 1234 567\u200e", "MX")).toBe("too_short");
    expect(problemOf("55 1234 567", "MX")).toBe("too_short");
    expect(problemOf("\u200e07911\u00a012345", "GB")).toBe(problemOf("07911 12345", "GB"));
  });
});

describe("cleanPhoneInput", () => {
  it("leaves plain ASCII as it is, apart from runs of spaces and the ends", () => {
    expect(cleanPhoneInput("  +1 (201)  555-0144 ")).toBe("+1 (201) 555-0144");
  });
  it("folds each kind of pasted formatting to its plain character", () => {
    expect(cleanPhoneInput("\u200e+1\u00a0201\u2013555\u20140144\u200f")).toBe("+1 201-555-0144");
    expect(cleanPhoneInput("\uff0b\uff14\uff14")).toBe("+44");
    expect(cleanPhoneInput("\ud835\udfcf\ud835\udfd0\ud835\udfd1")).toBe("123");
  });
  it("keeps letters and symbols, so they are still refused", () => {
    expect(cleanPhoneInput("\u200eTel: 201\u200e")).toBe("Tel: 201");
  });
});
