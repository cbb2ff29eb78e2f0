// Import rules between the layers (docs/decisions/0012-lint-and-import-rules.md). The rules see resolved files, so
// "../ledger/x", "@/lib/ledger/x" and "./x" inside lib/ledger are all lib/ledger/x. Run by `npm run lint`.

const shared = "^lib/(env|errors|ids|secrets)\\.ts$|^lib/(db|server|security|handlers|auth|i18n|phone|mail|rate-limit|validation)/";
const features =
  "^lib/(api|api-keys|audit|categories|channels|confirmations|contacts|evidence|exports|forms|imports|members|opt-outs|preferences|public-pages|quality|setup|webhooks|workspace)/";
const aboveShared = [features, "^lib/ledger/", "^lib/seed/"];
// Start-up wires every feature's workers, routes and the demo seed into the process: it may import anything.
// The lanes (lib/server/lanes/) mount every feature's machine-facing routes on the server.
const startUp = "^(lib/server/start|lib/server/app-database|instrumentation)\\.ts$|^lib/server/lanes/";
// A JSON column is typed with the shape the module that owns it validates (a zod schema); type-only, erased.
const columnTypes = "^lib/ledger/types\\.ts$";
const tests = "\\.test\\.tsx?$";
const testCode = ["^testing/", "^e2e/", "^bench/", tests];

module.exports = {
  forbidden: [
    {
      name: "shared-imports-no-feature",
      comment: "A shared mechanism sits below every feature, the ledger and the seed. Tests of it may reach up.",
      severity: "error",
      from: { path: shared, pathNot: [startUp, "^lib/db/schema/", tests] },
      to: { path: aboveShared },
    },
    {
      name: "schema-imports-only-column-types",
      comment: "The tables may name the type of a JSON column from the module that owns it, type-only; nothing else above them.",
      severity: "error",
      from: { path: "^lib/db/schema/" },
      to: { path: aboveShared, pathNot: columnTypes },
    },
    {
      name: "schema-column-types-are-type-only",
      comment: "The tables may name the type of a JSON column from the module that owns it, type-only; nothing else above them.",
      severity: "error",
      from: { path: "^lib/db/schema/" },
      to: { path: columnTypes, dependencyTypesNot: ["type-only"] },
    },
    {
      name: "ledger-imports-only-shared",
      comment: "The ledger stands on the shared mechanisms alone; features build on it, never the other way.",
      severity: "error",
      from: { path: "^lib/ledger/", pathNot: tests },
      to: { dependencyTypesNot: ["core"], pathNot: [shared, "^lib/ledger/", "^node_modules/"] },
    },
    {
      name: "seed-only-from-start-up-cli-bench-and-tests",
      comment: "The demo and bench seed writes made-up data: only start-up (demo mode), the CLI, the bench and tests reach it.",
      severity: "error",
      from: { pathNot: ["^lib/seed/", startUp, "^cli/", ...testCode] },
      to: { path: "^lib/seed/" },
    },
    {
      name: "testing-only-from-tests",
      comment: "testing/ is test support: the app, the CLI and the seed never depend on it.",
      severity: "error",
      from: { pathNot: testCode },
      to: { path: "^testing/" },
    },
    {
      name: "testing-imports-no-bench",
      comment: "The bench is built on test support, so test support does not reach back into the bench.",
      severity: "error",
      from: { path: "^testing/" },
      to: { path: "^bench/" },
    },
    {
      name: "verifier-stands-alone",
      comment: "assent-verify is an independent implementation for auditors: Node's built-ins and its own files, never Assent's code.",
      severity: "error",
      from: { path: "^packages/assent-verify/" },
      to: { dependencyTypesNot: ["core"], pathNot: "^packages/assent-verify/" },
    },
    {
      name: "no-cycles",
      comment: "No import cycles, type-only ones included: a shared type belongs in a module below both.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "not-to-unresolvable",
      comment: "An import that resolves to no file would escape every rule above.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "^node_modules/" },
    exclude: { path: "^(node_modules|\\.next|drizzle|public|data|test-results|playwright-report|\\.e2e-data)/" },
    // Type-only imports are erased by the compiler but still tie two modules together: count them.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".d.ts", ".js", ".mjs", ".cjs", ".json"],
    },
    skipAnalysisNotInRules: true,
  },
};
