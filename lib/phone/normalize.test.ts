import { describe, expect, it } from "vitest";
import { normalizePhone, PhoneError } from "./normalize";

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
