import { randomBytes } from "node:crypto";
import type { Writable } from "node:stream";
import { z } from "zod";
import { roles, type Role } from "../../lib/auth/roles";
import type { Db } from "../../lib/db/client";
import { upsertMember } from "../../lib/auth/users";
import { parseCommandArgs, requireString, UsageError, type CommandSpec } from "../args";
import { workspaceBySlug } from "../workspace";

export const spec: CommandSpec = {
  name: "user:create",
  summary: "Create a user (or add an existing one) with a role in a workspace.",
  usage: `user:create --workspace <slug> --email <email> --role <${roles.join("|")}> [--name <name>] [--password <password>]`,
  options: { workspace: { type: "string" }, email: { type: "string" }, role: { type: "string" }, name: { type: "string" }, password: { type: "string" } },
};

export async function run(db: Db, argv: string[], out: Writable): Promise<number> {
  const values = parseCommandArgs(spec, argv);
  const email = requireString(values, "email");
  if (!z.string().email().safeParse(email).success) throw new UsageError(`--email "${email}" is not an email address`);
  const role = requireString(values, "role");
  if (!roles.includes(role as Role)) throw new UsageError(`--role must be one of ${roles.join(", ")}`);
  const password = typeof values.password === "string" ? values.password : undefined;
  if (password !== undefined && password.length < 12) throw new UsageError("--password must be at least 12 characters");
  const ws = await workspaceBySlug(db, requireString(values, "workspace"));
  const generated = password ?? randomBytes(12).toString("base64url");
  const name = typeof values.name === "string" ? values.name : email.split("@")[0]!;
  const { created } = await upsertMember(db, { workspaceId: ws.id, email, name, role: role as Role, password: generated });
  if (created) {
    out.write(`Created ${email} as ${role} of "${ws.slug}".\n`);
    if (!password) out.write(`Password (shown only now): ${generated}\n`);
  } else {
    out.write(`${email} already existed: now ${role} of "${ws.slug}". Their password is unchanged.\n`);
  }
  return 0;
}
