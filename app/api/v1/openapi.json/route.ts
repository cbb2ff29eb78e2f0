import { serveOpenApiDocument } from "@/lib/api/openapi-route";

// Read at request time: the server URL comes from APP_URL, which a build must not bake in.
export const dynamic = "force-dynamic";

export const GET = serveOpenApiDocument;
