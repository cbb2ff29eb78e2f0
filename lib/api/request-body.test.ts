import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ValidationError } from "../errors";
import { BadRequestError } from "./errors";
import { MAX_JSON_DEPTH, readJsonBody, readQuery } from "./request-body";

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

// PostgreSQL cannot compare text holding NUL or a lone surrogate: these were 500s before (found by e2e/specs/fuzz.spec.ts).
describe("request input PostgreSQL cannot store", () => {
  it("refuses NUL and lone surrogates in a JSON body as a 422 naming the field", async () => {
    expect(await fieldsOf(() => readJsonBody(post('{"category":"offers\\u0000"}'), schema))).toEqual([
      { field: "category", code: "invalid_string", message: "contains characters that cannot be stored" },
    ]);
    expect(await fieldsOf(() => readJsonBody(post('{"category":"offers","phones":["+1","\\ud800"]}'), schema))).toMatchObject([{ field: "phones.1" }]);
  });

  it("refuses NUL in a query parameter the same way", async () => {
    expect(await fieldsOf(() => readQuery(new Request("http://t/api/v1/consent-checks?category=%00"), schema))).toMatchObject([
      { field: "category", code: "invalid_string" },
    ]);
  });

  it("passes ordinary unicode through", async () => {
    expect(await readJsonBody(post('{"category":"ofertas \\u00e9 \\ud83d\\ude00 \\u202e"}'), schema)).toEqual({ category: "ofertas é 😀 \u202e" });
  });
});

describe("deeply nested JSON", () => {
  const nested = (depth: number) => `{"category":"offers","evidence":${"[".repeat(depth - 1)}1${"]".repeat(depth - 1)}}`;
  const loose = z.object({ category: z.string(), evidence: z.unknown() });

  it("refuses a body nested past the limit as a 400 before anything recurses over it (a stack overflow and a 500 before)", async () => {
    const error = await readJsonBody(post(nested(50_000)), loose).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ code: "too_deeply_nested", status: 400 });
  });

  it("accepts nesting up to the limit", async () => {
    expect(await readJsonBody(post(nested(MAX_JSON_DEPTH)), loose)).toMatchObject({ category: "offers" });
  });
});
