// Builds server.ts (the custom server: lib/server/lanes/) into dist/server.mjs, which `npm start` runs.
// Bundled so production runs plain `node` with no TypeScript loader; packages stay external (node_modules, as
// Next.js's own server loads them). `server-only` marks app modules that must never reach a browser bundle; this
// bundle is server-side by definition, so it is resolved to nothing here (Next.js does the same with the
// react-server condition).
import { build } from "esbuild";

await build({
  entryPoints: ["server.ts"],
  outfile: "dist/server.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: "linked",
  logLevel: "warning",
  // Bundled CommonJS code may call require(); an ES module has none of its own.
  banner: { js: "import { createRequire as __assentRequire } from 'node:module'; const require = __assentRequire(import.meta.url);" },
  plugins: [
    {
      name: "server-only",
      setup(b) {
        b.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "server-only" }));
        b.onLoad({ filter: /.*/, namespace: "server-only" }, () => ({ contents: "", loader: "js" }));
      },
    },
  ],
});
