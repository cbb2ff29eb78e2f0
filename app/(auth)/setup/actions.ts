"use server";
import { receivedFormData } from "@/lib/handlers/form-data";
import { headers } from "next/headers";
import { signIn } from "@/lib/auth/auth-config";
import { getDb } from "@/lib/server/app-database";
import { AppError } from "@/lib/errors";
import { fieldMessages } from "@/lib/validation/field-errors";
import { hitRateLimit } from "@/lib/rate-limit/limit";
import { requestMetaFrom } from "@/lib/server/request-meta";
import { createFirstOwner } from "@/lib/setup/first-run";
import { firstRunSchema } from "@/lib/setup/first-run.validation";

export type SetupState = { message?: string; fields: Record<string, string>; values: Record<string, string> };

export async function completeSetup(_previous: SetupState, received: FormData): Promise<SetupState> {
  const data = receivedFormData(received);
  const input = Object.fromEntries([...data.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const values = {
    businessName: input.businessName ?? "",
    legalName: input.legalName ?? "",
    slug: input.slug ?? "",
    name: input.name ?? "",
    email: input.email ?? "",
  };
  const db = await getDb();
  const meta = requestMetaFrom(await headers());
  if (!(await hitRateLimit(db, { name: "setup-ip", limit: 10, windowSeconds: 900 }, meta.ip ?? "unknown")).allowed) {
    return { fields: {}, values, message: "Too many attempts. Wait 15 minutes." };
  }
  const parsed = firstRunSchema.safeParse(input);
  if (!parsed.success) return { fields: fieldMessages(parsed.error), values };
  let slug: string;
  try {
    ({ slug } = await createFirstOwner(db, parsed.data));
  } catch (error) {
    if (error instanceof AppError) return { fields: Object.fromEntries(error.fields.map((f) => [f.field, f.message])), values, message: error.message };
    throw error;
  }
  await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: `/${slug}` });
  return { fields: {}, values };
}
