import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ValidationError } from "../errors";
import { readJsonBody, readQuery } from "./request-body";

const schema = z.object({ category: z.string(), phones: z.array(z.string()).optional() });
const post = (body: string) => new Request("http://t/api/v1/consent-checks", { method: "POST", headers: { "content-type": "application/json" }, body });

async function fieldsOf(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ValidationError) return error.fields;
    throw error;
  }
  return null;
}

// PostgreSQL cannot compare text holding NUL or a lone surrogate: these were 500s before (found by e2e/fuzz.spec.ts).
describe("request input PostgreSQL cannot store", () => {
  it("refuses NUL and lone surrogates in a JSON body as a 422 naming the field", async () => {
    expect(await fieldsOf(() => readJsonBody(post('{"category":"offers\\u0000"}'), schema))).toEqual([{ field: "category", code: "invalid_string", message: "contains characters that cannot be stored" }]);
    expect(await fieldsOf(() => readJsonBody(post('{"category":"offers","phones":["+1","\\ud800"]}'), schema))).toMatchObject([{ field: "phones.1" }]);
  });

  it("refuses NUL in a query parameter the same way", async () => {
    expect(await fieldsOf(() => readQuery(new Request("http://t/api/v1/consent-checks?category=%00"), schema))).toMatchObject([{ field: "category", code: "invalid_string" }]);
  });

  it("passes ordinary unicode through", async () => {
    expect(await readJsonBody(post('{"category":"ofertas \\u00e9 \\ud83d\\ude00 \\u202e"}'), schema)).toEqual({ category: "ofertas é 😀 \u202e" });
  });
});
