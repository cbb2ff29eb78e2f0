import { canonicalJson, type Canonical } from "../ledger/canonical";
import type { FormVersionContent } from "../db/schema/form-content";
import { sha256Hex } from "../security/digest";

export function formVersionDigest(content: FormVersionContent): string {
  return sha256Hex(canonicalJson(content as unknown as Canonical));
}
