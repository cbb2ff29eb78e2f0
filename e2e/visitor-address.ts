import type { BrowserContext } from "@playwright/test";

let next = 0;

/**
 * Gives the browser context a network address of its own (as the reverse proxy would pass it in
 * X-Forwarded-For), so the hosted form's per-address burst limit counts each test apart, as it would separate
 * visitors. From 198.18.0.0/15, a range set aside for testing.
 */
export async function visitFromOwnAddress(context: BrowserContext): Promise<string> {
  next += 1;
  const address = `198.18.${(process.pid + next) % 256}.${next % 250 + 1}`;
  await context.setExtraHTTPHeaders({ "x-forwarded-for": address });
  return address;
}
