import type { BrowserContext } from "@playwright/test";

import { randomInt } from "node:crypto";

/**
 * Gives the browser context a network address of its own (as the reverse proxy would pass it in
 * X-Forwarded-For), so the hosted form's per-address burst limit counts each test apart, as it would separate
 * visitors. From 198.18.0.0/15, a range set aside for testing.
 */
export async function visitFromOwnAddress(context: BrowserContext): Promise<string> {
  // Random, not counted: Playwright restarts its worker after a failure, and a counter would start again.
  const address = `198.18.${randomInt(0, 256)}.${randomInt(1, 255)}`;
  await context.setExtraHTTPHeaders({ "x-forwarded-for": address });
  return address;
}
