import "server-only";
import type { z } from "zod";
import { assertStorable } from "../db/storable-text";
import { declaredLength } from "../server/limited-body";
import { ValidationError } from "../errors";
import { fieldErrorsFrom } from "../validation/field-errors";
import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from "./errors";

/** Enough for a bulk check of 10,000 numbers in any reasonable spelling; more is refused before parsing. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Deeper JSON than any request of this API has (evidence is an object of a few levels) is refused: the checks
 * and the canonical encoding that follow recurse, and a body nested thousands deep overflowed the stack (a 500,
 * found by e2e/specs/fuzz.spec.ts at FUZZ_SEED=7).
 */
export const MAX_JSON_DEPTH = 32;

/** Walked with a stack of its own, so the check itself cannot overflow. */
function tooDeep(value: unknown): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (depth > MAX_JSON_DEPTH) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * The body as `schema` says, or the matching refusal: 415 for another media type, 413 for an oversized body,
 * 400 for malformed or too deeply nested JSON, 422 with a field list for valid JSON of the wrong shape.
 */
export async function readJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json" && !/^application\/[a-z0-9.+-]+\+json$/.test(type)) throw new UnsupportedMediaTypeError();
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES);
  const text = await readLimited(request, MAX_BODY_BYTES);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BadRequestError("malformed_json", "The body is not valid JSON.");
  }
  if (tooDeep(json)) throw new BadRequestError("too_deeply_nested", `The body's JSON is nested more than ${MAX_JSON_DEPTH} levels deep.`);
  return parseOrThrow(schema, json);
}

/** Query parameters as `schema` says, or 422 naming each bad parameter. */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  return parseOrThrow(schema, Object.fromEntries(new URL(request.url).searchParams));
}

function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  assertStorable(value);
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ValidationError(fieldErrorsFrom(parsed.error));
  return parsed.data;
}

/**
 * Reads the body but stops at `max` bytes: at once when its length is declared (the parser delivers no more than
 * that, lib/server/limited-body.ts), else counting the chunks as they come (chunked).
 */
async function readLimited(request: Request, max: number): Promise<string> {
  const declared = declaredLength(request);
  if (declared !== null) {
    if (declared > max) throw new PayloadTooLargeError(max);
    return request.text();
  }
  if (!request.body) return "";
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw new PayloadTooLargeError(max);
    }
    parts.push(value);
  }
  return Buffer.concat(parts).toString("utf8");
}
