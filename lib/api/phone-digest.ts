import "server-only";
import { personalDigest } from "../ledger/canonical";
import { bsuidSchema } from "../ledger/types";
import { normalizePhone, PhoneError } from "../phone/normalize";
import { ValidationError } from "../errors";
import type { ApiPrincipal } from "../api-keys/authenticate";

type Workspace = Pick<ApiPrincipal["workspace"], "defaultCountry" | "ledgerSalt">;

/** The number in E.164 and the salted digest contacts are stored under; a malformed number is a 422. */
export function phoneDigestStrict(workspace: Workspace, raw: string, field = "phone"): { phone: string; digest: string } {
  const phone = normalizePhone(raw, workspace.defaultCountry, field);
  return { phone, digest: personalDigest(workspace.ledgerSalt, "phone", phone)! };
}

const e164 = /^\+[1-9][0-9]{6,14}$/;

/**
 * For bulk checks, where parsing 10,000 numbers with libphonenumber would cost more than the query. A number
 * already in E.164 is digested as it is: every stored number went through normalizePhone, whose output is
 * E.164, so an E.164 string that normalisation would have changed or refused matches no contact and is
 * answered "never opted in", never wrongly allowed. Anything else is normalised; null if it cannot be.
 */
export function phoneDigestLenient(workspace: Workspace, raw: string): string | null {
  const trimmed = raw.trim();
  if (e164.test(trimmed)) return personalDigest(workspace.ledgerSalt, "phone", trimmed);
  try {
    return phoneDigestStrict(workspace, trimmed).digest;
  } catch (error) {
    if (error instanceof PhoneError) return null;
    throw error;
  }
}

/** The salted digest contacts hold a WhatsApp BSUID under; null for anything not shaped like one. */
export function bsuidDigestLenient(workspace: Workspace, raw: string): string | null {
  return bsuidSchema.safeParse(raw).success ? personalDigest(workspace.ledgerSalt, "bsuid", raw) : null;
}

/** bsuidDigestLenient for a single value, where a malformed one is a 422 naming the field. */
export function bsuidDigestStrict(workspace: Workspace, raw: string, field = "userId"): string {
  const digest = bsuidDigestLenient(workspace, raw);
  if (!digest)
    throw new ValidationError([{ field, code: "invalid_user_id", message: "not a WhatsApp business-scoped user ID, such as US.13491208655302741918" }]);
  return digest;
}
