import "server-only";
import { personalDigest } from "../ledger/canonical";
import { normalizePhone, PhoneError } from "../phone/normalize";
import type { ApiPrincipal } from "./authenticate";

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
