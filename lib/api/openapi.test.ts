import { describe, expect, it } from "vitest";
import { leanRoutes } from "../server/lanes/lean.routes";
import { buildOpenApiDocument } from "./openapi";

/** The lean lane's /api/v1/contacts/:phone → OpenAPI's /api/v1/contacts/{phone} */
const openApiPath = (path: string) => path.replace(/:([^/]+)/g, "{$1}");

describe("the OpenAPI document", () => {
  const doc = buildOpenApiDocument("https://assent.example") as any;

  it("lists every API route the server serves, with its method (the document itself aside)", () => {
    const api = leanRoutes.filter((r) => r.path.startsWith("/api/v1/") && r.path !== "/api/v1/openapi.json");
    expect(api.length).toBeGreaterThanOrEqual(7);
    for (const route of api) expect(doc.paths[openApiPath(route.path)]?.[route.method.toLowerCase()], `${route.method} ${route.path}`).toBeDefined();
  });

  it("is OpenAPI 3.1 with a bearer scheme, scopes, parameters, bodies and problem responses", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    const post = doc.paths["/api/v1/consents"].post;
    expect(post.security).toEqual([{ apiKey: ["consents:write"] }]);
    expect(post.parameters).toContainEqual(expect.objectContaining({ name: "Idempotency-Key", in: "header", required: true }));
    const body = doc.components.schemas[post.requestBody.content["application/json"].schema.$ref.split("/").at(-1)];
    expect(body.oneOf.map((o: any) => o.properties.channel.const).sort()).toEqual(["api", "import", "ivr", "paper"]);
    const ivr = body.oneOf.find((o: any) => o.properties.channel.const === "ivr");
    expect(ivr.properties.evidence.required).toEqual(expect.arrayContaining(["callId", "dtmfKey", "recordingUrl", "recordingDigest"]));
    expect(post.responses["201"]).toBeDefined();
    expect(post.responses["409"]).toEqual({ $ref: "#/components/responses/Problem409" });
    const check = doc.paths["/api/v1/consent-checks"].get;
    // A check names the person by number or by WhatsApp BSUID (Meta's user_id): one of the two.
    expect(check.parameters.map((p: any) => [p.name, p.required])).toEqual([
      ["phone", false],
      ["userId", false],
      ["category", true],
      ["kind", false],
      ["businessNumber", false],
    ]);
    expect(check.parameters[1].description).toMatch(/BSUID/);
    expect(check.parameters[4].description).toMatch(/the number the message will be sent from/);
    // kind: template by default, session for a free-form reply in the 24-hour window; each result names its rule.
    expect(check.parameters[3].schema).toMatchObject({ enum: ["template", "session"], default: "template" });
    expect(check.parameters[3].description).toMatch(/24 hours/);
    expect(doc.components.schemas.BulkCheckRequest.properties.kind).toMatchObject({ enum: ["template", "session"], default: "template" });
    expect(doc.components.schemas.CheckResult.properties.rule.enum).toEqual(["category_consent", "service_window"]);
    expect(doc.components.schemas.CheckResult.properties.reason.enum).toEqual(expect.arrayContaining(["in_service_window", "service_window_closed"]));
    expect(doc.components.schemas.BulkCheckRequest.properties.userIds.description).toMatch(/BSUID/);
    expect(doc.components.schemas.BulkCheckRequest.properties.phones.maxItems).toBe(10_000);
    expect(doc.paths["/api/v1/contacts/{phone}"].get.parameters[0]).toMatchObject({ name: "phone", in: "path", required: true });
    expect(doc.components.schemas.Problem.properties.errors).toBeDefined();
    // The rate limit's headers: on every answer, and a 429 also with Retry-After; 6,000 a minute by default.
    expect(Object.keys(check.responses["200"].headers)).toEqual(["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"]);
    expect(Object.keys(doc.components.responses.Problem429.headers)).toEqual(["Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"]);
    expect(doc.components.headers.RateLimitLimit.description).toMatch(/6,000/);
    expect(doc.paths["/api/v1/openapi.json"].get.responses["200"].headers).toBeUndefined();
    // Every reference resolves inside the document.
    for (const [, kind, name] of JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/(\w+)\/(\w+)"/g))
      expect(doc.components[kind!]?.[name!], `${kind}/${name}`).toBeDefined();
    expect(JSON.stringify(doc)).not.toContain("#/$defs");
  });
});
