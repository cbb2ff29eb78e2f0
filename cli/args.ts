import { parseArgs, type ParseArgsConfig } from "node:util";

/** Bad arguments: the CLI prints the message and the command's usage, and exits with 2. */
export class UsageError extends Error {}

export type CommandSpec = {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig["options"]>;
};

export function parseCommandArgs(spec: CommandSpec, argv: string[]) {
  try {
    const { values } = parseArgs({ args: argv, options: { ...spec.options, help: { type: "boolean" } }, strict: true, allowPositionals: false });
    return values as Record<string, string | boolean | undefined>;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function requireString(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value.trim() === "") throw new UsageError(`--${name} is required`);
  return value.trim();
}

export function helpText(spec: CommandSpec): string {
  return `${spec.summary}\n\nUsage: npm run assent -- ${spec.usage}\n`;
}
