import { z } from "zod";
import {
  bulkCheckRequestSchema,
  bulkCheckResponseSchema,
  consentCheckQuerySchema,
  consentRequestSchema,
  contactStateSchema,
  eventsPageSchema,
  eventsQuerySchema,
  exportQuerySchema,
  idempotencyKeySchema,
  MAX_BULK_PHONES,
  problemSchema,
  receiptSchema,
  singleCheckResponseSchema,
  verifyQuerySchema,
  verifyResultSchema,
} from "./schemas";
import { DEFAULT_API_KEY_PER_MINUTE } from "../api-keys/api-keys.validation";

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the zod schemas that validate the requests, so what
 * is documented is what is enforced. Pure: no database, no request; the route serves it as is.
 */

type JsonSchema = Record<string, unknown>;
type Operation = {
  method: "get" | "post";
  path: string;
  scope: string | null;
  summary: string;
  description?: string;
  query?: z.ZodObject;
  pathParams?: Record<string, string>;
  idempotent?: boolean;
  body?: z.ZodType;
  ok: { status: number; schema?: z.ZodType; description: string; contentTypes?: string[] }[];
  errors: number[];
};

/**
 * Schemas named with `.meta({ id })` come out of zod under `$defs`; they are hoisted into
 * components.schemas, where the document's other operations reference them too.
 */
function schemaOf(schema: z.ZodType, io: "input" | "output", components: Record<string, JsonSchema>): JsonSchema {
  const generated = z.toJSONSchema(schema, { io, unrepresentable: "any", reused: "inline" }) as JsonSchema;
  const text = JSON.stringify(generated).replaceAll('"#/$defs/', '"#/components/schemas/');
  const { $schema: _dialect, $defs, ...rest } = JSON.parse(text) as JsonSchema & { $defs?: Record<string, JsonSchema> };
  for (const [id, definition] of Object.entries($defs ?? {})) components[id] ??= definition;
  return rest;
}

const errorText: Record<number, string> = {
  400: "Malformed JSON, or a missing Idempotency-Key",
  401: "Missing, unknown or revoked API key",
  403: "The key lacks the scope",
  404: "Not found in this workspace",
  409: "The Idempotency-Key was used for a different body",
  413: "Body over 1 MiB",
  415: "Body is not application/json",
  422: "Invalid fields; see errors[]",
  429: "Rate limited: the key's requests a minute, or failed authentications from the address; see Retry-After",
  500: "Unexpected fault; quote requestId",
};
const auth = [401, 403, 429, 500];

/** The headers of the key's rate limit (lib/api/rate-limit-headers.ts), as components.headers; header name → component. */
const rateLimitHeaders = { "RateLimit-Limit": "RateLimitLimit", "RateLimit-Remaining": "RateLimitRemaining", "RateLimit-Reset": "RateLimitReset" };
const headerComponents: Record<string, JsonSchema> = {
  RateLimitLimit: {
    description: `Requests a minute this key may make: its own limit (Settings → API keys), else ${DEFAULT_API_KEY_PER_MINUTE.toLocaleString("en")}`,
    schema: { type: "integer", minimum: 1 },
  },
  RateLimitRemaining: { description: "Requests left in this minute's window", schema: { type: "integer", minimum: 0 } },
  RateLimitReset: { description: "Seconds until this minute's window ends and the count starts afresh", schema: { type: "integer", minimum: 0 } },
  RetryAfter: { description: "Seconds to wait before trying again", schema: { type: "integer", minimum: 0 } },
};
const headerRefs = (names: Record<string, string>) =>
  Object.fromEntries(Object.entries(names).map(([header, component]) => [header, { $ref: `#/components/headers/${component}` }]));

export const apiOperations: Operation[] = [
  {
    method: "post",
    path: "/api/v1/consents",
    scope: "consents:write",
    summary: "Record an opt-in, opt-out or confirmation",
    description: "Appends one event per category to the ledger. Channels an API key may claim: api, ivr, import, paper.",
    idempotent: true,
    body: consentRequestSchema,
    ok: [
      { status: 201, schema: receiptSchema, description: "Recorded" },
      { status: 200, schema: receiptSchema, description: "Replay of an earlier request with the same Idempotency-Key and body" },
    ],
    errors: [400, 409, 413, 415, 422, ...auth],
  },
  {
    method: "get",
    path: "/api/v1/contacts/{phone}",
    scope: "consents:read",
    summary: "A contact's current state per category, with the event behind each",
    pathParams: { phone: "E.164, URL-encoded (%2B for +)" },
    ok: [{ status: 200, schema: contactStateSchema, description: "The contact" }],
    errors: [404, 422, ...auth],
  },
  {
    method: "get",
    path: "/api/v1/consent-checks",
    scope: "consents:read",
    summary: "May this number be messaged in this category?",
    description:
      "kind=template (default) needs an opt-in to the category; kind=session (a free-form WhatsApp reply) is allowed while the person's last message is under 24 hours old, unless they opted out of the category. `rule` says which decided.",
    query: consentCheckQuerySchema,
    ok: [{ status: 200, schema: singleCheckResponseSchema, description: "The answer, why, and the deciding event" }],
    errors: [422, ...auth],
  },
  {
    method: "post",
    path: "/api/v1/consent-checks",
    scope: "consents:read",
    summary: `Check up to ${MAX_BULK_PHONES} numbers in one category`,
    description:
      "Answers in request order. A number that cannot be read is answered invalid_phone (not allowed). `kind` as for the single check; each result names its `rule`.",
    body: bulkCheckRequestSchema,
    ok: [{ status: 200, schema: bulkCheckResponseSchema, description: "One result per number" }],
    errors: [400, 413, 415, 422, ...auth],
  },
  {
    method: "get",
    path: "/api/v1/events",
    scope: "events:read",
    summary: "The ledger, oldest transaction first, cursor-paginated, for incremental sync",
    description:
      "Events come in the order of the transactions that wrote them, each exactly once: an event is listed only when every transaction older than its own has ended, so no event can later turn up behind a cursor already handed out (however many appends run at once). Page with nextCursor; once it is null, keep syncCursor and poll with it for what is new. A cursor that cannot be read, or names an event of another workspace, is a 422 naming the cursor field.",
    query: eventsQuerySchema,
    ok: [{ status: 200, schema: eventsPageSchema, description: "A page of events" }],
    errors: [422, ...auth],
  },
  {
    method: "get",
    path: "/api/v1/exports/events",
    scope: "exports",
    summary: "Every matching event, streamed as CSV or JSON Lines",
    query: exportQuerySchema,
    ok: [{ status: 200, description: "The export; X-Total-Rows gives the row count", contentTypes: ["text/csv", "application/x-ndjson"] }],
    errors: [422, ...auth],
  },
  {
    method: "get",
    path: "/api/v1/ledger/verify",
    scope: "events:read",
    summary: "Recompute and verify the workspace's hash chains and checkpoints, and check them against their timestamps and the heads you kept",
    query: verifyQuerySchema,
    ok: [{ status: 200, schema: verifyResultSchema, description: "The verification result" }],
    errors: [422, ...auth],
  },
  {
    method: "get",
    path: "/api/v1/openapi.json",
    scope: null,
    summary: "This document",
    ok: [{ status: 200, description: "OpenAPI 3.1", contentTypes: ["application/json"] }],
    errors: [],
  },
];

function parameters(op: Operation, components: Record<string, JsonSchema>): JsonSchema[] {
  const params: JsonSchema[] = [];
  for (const [name, description] of Object.entries(op.pathParams ?? {})) {
    params.push({ name, in: "path", required: true, description, schema: { type: "string" } });
  }
  if (op.query) {
    const schema = schemaOf(op.query, "input", components) as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      const { description, ...rest } = property;
      params.push({ name, in: "query", required: schema.required?.includes(name) ?? false, ...(description ? { description } : {}), schema: rest });
    }
  }
  if (op.idempotent) {
    params.push({
      name: "Idempotency-Key",
      in: "header",
      required: true,
      description: idempotencyKeySchema.description,
      schema: schemaOf(idempotencyKeySchema, "input", components),
    });
  }
  return params;
}

function operation(op: Operation, components: Record<string, JsonSchema>): JsonSchema {
  const responses: Record<string, JsonSchema> = {};
  for (const ok of op.ok) {
    const types = ok.contentTypes ?? ["application/json"];
    responses[String(ok.status)] = {
      description: ok.description,
      // Only answers to a key carry its limit (the public document has none).
      ...(op.scope ? { headers: headerRefs(rateLimitHeaders) } : {}),
      content: Object.fromEntries(types.map((t) => [t, ok.schema ? { schema: schemaOf(ok.schema, "output", components) } : {}])),
    };
  }
  for (const status of op.errors) responses[String(status)] = { $ref: `#/components/responses/Problem${status}` };
  return {
    operationId: `${op.method}${op.path.replace(/^\/api\/v1/, "").replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase())}`,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    security: op.scope ? [{ apiKey: [op.scope] }] : [],
    ...(op.scope ? { "x-required-scope": op.scope } : {}),
    parameters: parameters(op, components),
    ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(op.body, "input", components) } } } } : {}),
    responses,
  };
}

export function buildOpenApiDocument(serverUrl?: string): JsonSchema {
  const schemas: Record<string, JsonSchema> = {};
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of apiOperations) {
    const path = paths[op.path] ?? {};
    paths[op.path] = path;
    path[op.method] = operation(op, schemas);
  }
  schemaOf(problemSchema, "output", schemas);
  const problemResponses = Object.fromEntries(
    Object.entries(errorText).map(([status, description]) => [
      `Problem${status}`,
      {
        description,
        ...(status === "429" ? { headers: headerRefs({ "Retry-After": "RetryAfter", ...rateLimitHeaders }) } : {}),
        content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
      },
    ]),
  );
  return {
    openapi: "3.1.0",
    info: {
      title: "Assent API",
      version: "1.0.0",
      description: `Record, check and prove WhatsApp opt-in. Errors are RFC 9457 problem+json with a field list. Each key may make ${DEFAULT_API_KEY_PER_MINUTE.toLocaleString("en")} requests a minute unless it was given its own limit; every answer says where it stands in RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset, and a 429 also in Retry-After.`,
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    security: [{ apiKey: [] }],
    paths,
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", bearerFormat: "ask_…", description: "An API key from Settings → API keys; each has scopes." },
      },
      schemas,
      responses: problemResponses,
      headers: headerComponents,
    },
  };
}
