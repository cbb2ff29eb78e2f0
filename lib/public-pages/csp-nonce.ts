import "server-only";
import { headers } from "next/headers";

/**
 * The request's CSP nonce, where proxy.ts set one: as `x-nonce`, or inside the Content-Security-Policy request
 * header, which is where Next.js itself finds the nonce for its scripts. Undefined when there is no nonce.
 */
export async function cspNonce(): Promise<string | undefined> {
  const h = await headers();
  const direct = h.get("x-nonce");
  if (direct) return direct;
  return (h.get("content-security-policy") ?? h.get("content-security-policy-report-only"))?.match(/'nonce-([^']+)'/)?.[1];
}
