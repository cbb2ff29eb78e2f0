import { describe, expect, it } from "vitest";
import { receivedFormData } from "./form-data";

// A client can call a server action with any arguments; `data.get` on a missing FormData was a 500 (e2e/specs/fuzz.spec.ts).
describe("a server action's form data as received", () => {
  it("is the FormData when the client sent one", () => {
    const data = new FormData();
    data.set("phone", "+12015550123");
    expect(receivedFormData(data)).toBe(data);
  });

  it("is an empty form when the client sent anything else", () => {
    for (const value of [undefined, null, 1, "phone=1", { get: () => "x" }, []]) {
      const data = receivedFormData(value);
      expect(data).toBeInstanceOf(FormData);
      expect([...data.keys()]).toEqual([]);
    }
  });
});
