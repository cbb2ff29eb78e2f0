import { randomBytes } from "node:crypto";
import type { Writable } from "node:stream";
import { isSupportedCountry } from "libphonenumber-js/max";
import { z } from "zod";
import type { Db } from "../../lib/db/client";
import { newWorkspaceFields } from "../../lib/setup/first-run.validation";
import { createWorkspaceWithOwner } from "../../lib/workspace/create";
import { findWorkspaceBySlug } from "../../lib/workspace/queries";
import { parseCommandArgs, requireString, UsageError, type CommandSpec } from "../args";

export const spec: CommandSpec = {
  name: "workspace:create",
  summary: "Create another business's workspace, with its first owner.",
  usage:
    "workspace:create --slug <short-name> --business <name people know> --owner <email> [--legal-name <name>] [--country <XX>] [--owner-name <name>] [--password <password>]",
  options: {
    slug: { type: "string" },
    business: { type: "string" },
    "legal-name": { type: "string" },
    country: { type: "string" },
    owner: { type: "string" },
    "owner-name": { type: "string" },
    password: { type: "string" },
  },
};

const input = z.object({
  ...newWorkspaceFields,
  country: z
    .string()
    .trim()
    .toUpperCase()
    .refine((c) => /^[A-Z]{2}$/.test(c) && isSupportedCountry(c), "must be a two-letter country code, e.g. US or IN"),
  email: z.string().trim().toLowerCase().email("is not an email address"),
});

/**
 * A second (third, …) business on the same install: the workspace and its owner in one transaction, so a refusal
 * leaves nothing half made. The owner may already have an account (an agency running several businesses): they
 * are added as owner and keep their password.
 */
export async function run(db: Db, argv: string[], out: Writable): Promise<number> {
  const values = parseCommandArgs(spec, argv);
  const parsed = input.safeParse({
    slug: requireString(values, "slug"),
    businessName: requireString(values, "business"),
    legalName: typeof values["legal-name"] === "string" ? values["legal-name"] : undefined,
    country: typeof values.country === "string" ? values.country : "US",
    email: requireString(values, "owner"),
  });
  if (!parsed.success) {
    const flags: Record<string, string> = { slug: "--slug", businessName: "--business", legalName: "--legal-name", country: "--country", email: "--owner" };
    throw new UsageError(parsed.error.issues.map((i) => `${flags[String(i.path[0])] ?? String(i.path[0])} ${i.message}`).join("; "));
  }
  const password = typeof values.password === "string" ? values.password : undefined;
  if (password !== undefined && password.length < 12) throw new UsageError("--password must be at least 12 characters");
  const { slug, businessName, legalName, country, email } = parsed.data;
  if (await findWorkspaceBySlug(db, slug)) throw new UsageError(`a workspace "${slug}" already exists; choose another --slug`);
  const generated = password ?? randomBytes(12).toString("base64url");
  const name = typeof values["owner-name"] === "string" ? values["owner-name"] : email.split("@")[0]!;
  const { created } = await createWorkspaceWithOwner(db, { slug, businessName, legalName, defaultCountry: country }, { email, name, password: generated });
  out.write(`Created the workspace "${slug}" for ${businessName}, with ${email} as its owner.\n`);
  if (created && !password) out.write(`Password (shown only now): ${generated}\n`);
  if (!created) out.write(`${email} already had an account: their password is unchanged.\n`);
  out.write(`Sign in and add its message categories and forms: /${slug}\n`);
  return 0;
}
