import "server-only";
import type { Db } from "../db/client";
import type { PublishedForm } from "../data/forms";
import { AppError } from "../errors";
import { append } from "../ledger/append";
import { personalDigest } from "../ledger/canonical";
import type { Receipt } from "../ledger/types";
import { normalizePhone } from "../phone/normalize";
import { hitRateLimit } from "../rate-limit/limit";
import type { RequestMeta } from "../server/request-meta";
import { webOptInSchema, type OptInFormState } from "./web.validation";

const perIp = { name: "web-optin-ip", limit: 30, windowSeconds: 600 };
const perPhone = { name: "web-optin-phone", limit: 5, windowSeconds: 3600 };

export type WebOptInResult = { ok: true; receipt: Receipt } | { ok: false; state: OptInFormState };

function readForm(data: FormData) {
  const text = (key: string) => {
    const v = data.get(key);
    return typeof v === "string" ? v : undefined;
  };
  return {
    submissionId: text("submissionId"),
    country: text("country"),
    phone: text("phone") ?? "",
    name: text("name") || undefined,
    categories: data.getAll("categories").filter((v): v is string => typeof v === "string"),
    language: text("language"),
    honeypot: text("company_url"),
  };
}

/**
 * The web channel: rate limits first (per IP, then per phone), then validation, then one ledger append with the
 * form version, language, page URL, IP and user agent as evidence. The submission id rendered into the page is
 * the idempotency key, so a double submit records once and shows the same receipt.
 */
export async function submitWebOptIn(db: Db, form: PublishedForm, data: FormData, meta: RequestMeta, pageUrl: string): Promise<WebOptInResult> {
  const raw = readForm(data);
  const values = { phone: raw.phone.slice(0, 64), country: raw.country ?? "", name: raw.name?.slice(0, 200) ?? "", categories: raw.categories };
  const fail = (fields: OptInFormState["fields"], message = "Please check the highlighted fields."): WebOptInResult => ({
    ok: false,
    state: { message, fields, values },
  });

  if (!(await hitRateLimit(db, perIp, meta.ip ?? "unknown")).allowed) {
    return fail({ form: "Too many sign-ups from this network. Please wait a few minutes and try again." }, "Too many attempts.");
  }
  // A field people cannot see: only bots fill it. Say no plainly rather than pretend it worked.
  if (raw.honeypot) return fail({ form: "We could not accept this sign-up." }, "We could not accept this sign-up.");

  const parsed = webOptInSchema.safeParse(raw);
  if (!parsed.success) {
    const fields: OptInFormState["fields"] = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0]);
      const field = (["phone", "categories", "name", "country"].includes(key) ? key : "form") as keyof OptInFormState["fields"];
      fields[field] ??= issue.message;
    }
    return fail(fields);
  }
  const input = parsed.data;
  let phone: string;
  try {
    phone = normalizePhone(input.phone, input.country);
  } catch (error) {
    if (error instanceof AppError) return fail({ phone: error.message });
    throw error;
  }
  const phoneKey = personalDigest(form.workspace.ledgerSalt, "phone", phone)!;
  if (!(await hitRateLimit(db, perPhone, phoneKey)).allowed) {
    return fail({ phone: "This number was signed up several times just now. Please try again in an hour." }, "Too many attempts.");
  }

  try {
    const receipt = await append(db, {
      workspaceId: form.workspace.id,
      phone,
      name: input.name,
      categories: input.categories,
      action: "opt_in",
      channel: "web",
      formVersionId: form.version.id,
      language: input.language,
      evidence: { pageUrl },
      network: { ip: meta.ip ?? "unknown", userAgent: meta.userAgent ?? "unknown" },
      actor: { type: "person" },
      idempotencyKey: `web:${input.submissionId}`,
    });
    return { ok: true, receipt };
  } catch (error) {
    if (error instanceof AppError) {
      const first = error.fields[0];
      const field = first?.field.startsWith("categories") ? "categories" : first?.field === "phone" ? "phone" : "form";
      return fail({ [field]: first?.message ?? error.message });
    }
    throw error;
  }
}
