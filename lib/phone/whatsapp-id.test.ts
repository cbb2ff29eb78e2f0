import { describe, expect, it } from "vitest";
import { normalizePhone, PhoneError } from "./normalize";
import { waIdToPhone } from "./whatsapp-id";

const problemOf = (waId: string) => {
  try {
    waIdToPhone(waId);
    return undefined;
  } catch (error) {
    return error instanceof PhoneError ? error.problem : String(error);
  }
};

describe("waIdToPhone", () => {
  it("reads an ordinary wa_id as the number's E.164", () => {
    expect(waIdToPhone("12015550123")).toBe("+12015550123");
    expect(waIdToPhone("447400123456")).toBe("+447400123456");
    expect(waIdToPhone("919876543210")).toBe("+919876543210");
    expect(waIdToPhone("4915112345678")).toBe("+4915112345678");
  });

  it("Brazil: an old account's wa_id without the mobile 9 is the number with it", () => {
    expect(waIdToPhone("551187654321")).toBe("+5511987654321");
    expect(waIdToPhone("552196543210")).toBe("+5521996543210");
    // Already with the 9: unchanged.
    expect(waIdToPhone("5511987654321")).toBe("+5511987654321");
    // 8 digits starting 2–5 are landlines: no 9 is made up, and a consumer's landline is refused.
    expect(problemOf("551132654321")).toBe("not_mobile");
  });

  it("Mexico: the legacy 521 is 52", () => {
    expect(waIdToPhone("5215512345678")).toBe("+525512345678");
    expect(waIdToPhone("525512345678")).toBe("+525512345678");
    expect(waIdToPhone("5213312345678")).toBe("+523312345678");
  });

  it("Argentina: the mobile 9 is kept, and added when missing", () => {
    expect(waIdToPhone("5491123456789")).toBe("+5491123456789");
    expect(waIdToPhone("541123456789")).toBe("+5491123456789");
    expect(waIdToPhone("5493515123456")).toBe("+5493515123456");
  });

  it("refuses what is not a number", () => {
    expect(problemOf("")).toBe("not_a_number");
    expect(problemOf("US.13491208655302741918")).toBe("not_a_number");
    expect(problemOf("0044740012345")).toBe("not_a_number");
    expect(problemOf("1")).toBe("not_a_number");
    expect(problemOf("10995550123")).toBe("invalid_for_country");
  });
});

describe("a number typed on a form meets the wa_id of the same person", () => {
  const cases: [country: string, typed: string[], waIds: string[]][] = [
    ["BR", ["+55 11 98765-4321", "(11) 98765-4321", "(11) 8765-4321", "+55 11 8765-4321"], ["5511987654321", "551187654321"]],
    ["MX", ["+52 55 1234 5678", "55 1234 5678", "+52 1 55 1234 5678"], ["525512345678", "5215512345678"]],
    ["AR", ["+54 9 11 2345-6789", "011 15 2345-6789", "+54 11 2345-6789", "11 2345-6789"], ["5491123456789", "541123456789"]],
  ];
  it.each(cases)("%s", (country, typed, waIds) => {
    const numbers = new Set([...typed.map((t) => normalizePhone(t, country)), ...waIds.map(waIdToPhone)]);
    expect(numbers.size).toBe(1);
  });

  it("a business's own landline is kept as it is (no mobile 9 added)", () => {
    expect(normalizePhone("+54 11 2345-6789", "AR", "whatsappNumber", "business")).toBe("+541123456789");
  });
});
