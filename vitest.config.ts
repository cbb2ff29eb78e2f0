import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["lib/**/*.test.ts", "cli/**/*.test.ts", "bench/**/*.test.ts"],
    // Database suites create their own databases; give a slow shared machine room.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // No unit test may reach Meta: a send through the production sender fails fast here, on a closed local port.
    // A test that wants the answer starts the Graph API stand-in (testing/graph-api.ts) and points this at it.
    env: { WHATSAPP_GRAPH_URL: "http://127.0.0.1:9" },
    server: { deps: { inline: ["server-only"] } },
    alias: { "server-only": path.resolve(import.meta.dirname, "testing/server-only-stub.ts") },
  },
});
