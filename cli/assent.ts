import type { Writable } from "node:stream";
import { openAppDatabase } from "../lib/db/app-db";
import type { Db } from "../lib/db/client";
import { AppError } from "../lib/errors";
import { helpText, UsageError, type CommandSpec } from "./args";
import * as apiKeyCreate from "./commands/api-key-create";
import * as auditExport from "./commands/audit-export";
import * as eventsExport from "./commands/events-export";
import * as importCsv from "./commands/import-csv";
import * as ledgerCheckpoint from "./commands/ledger-checkpoint";
import * as ledgerExport from "./commands/ledger-export";
import * as ledgerVerify from "./commands/ledger-verify";
import * as userCreate from "./commands/user-create";
import * as userResetLink from "./commands/user-reset-link";
import * as workspaceCreate from "./commands/workspace-create";

type Command = { spec: CommandSpec; run(db: Db, argv: string[], out: Writable): Promise<number> };
const commands: Command[] = [
  workspaceCreate,
  userCreate,
  userResetLink,
  apiKeyCreate,
  ledgerVerify,
  ledgerCheckpoint,
  ledgerExport,
  eventsExport,
  auditExport,
  importCsv,
];

function overview(): string {
  const width = Math.max(...commands.map((c) => c.spec.name.length));
  return [
    "Assent operator commands. Usage: npm run assent -- <command> [options]",
    "",
    ...commands.map((c) => `  ${c.spec.name.padEnd(width)}  ${c.spec.summary}`),
    "",
    "Each command takes --help. With the embedded database, stop the app first (one process per data directory).",
    "",
  ].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(overview());
    return 0;
  }
  const command = commands.find((c) => c.spec.name === name);
  if (!command) {
    process.stderr.write(`Unknown command "${name}".\n\n${overview()}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(helpText(command.spec));
    return 0;
  }
  let handle;
  try {
    handle = await openAppDatabase();
  } catch (error) {
    process.stderr.write(`Cannot open the database: ${(error as Error).message}\n`);
    return 1;
  }
  try {
    return await command.run(handle.db, rest, process.stdout);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${name}: ${error.message}\n\n${helpText(command.spec)}`);
      return 2;
    }
    if (error instanceof AppError) {
      process.stderr.write(`${name}: ${error.message}${error.fields.map((f) => `\n  ${f.field}: ${f.message}`).join("")}\n`);
      return 1;
    }
    throw error;
  } finally {
    await handle.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
