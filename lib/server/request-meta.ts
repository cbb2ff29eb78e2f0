import "server-only";
import { randomUUID } from "node:crypto";
import { env } from "../env";

export type RequestMeta = { ip: string | undefined; userAgent: string | undefined; requestId: string };

/**
 * Evidence about the request. The client IP is the X-Forwarded-For entry TRUSTED_PROXY_HOPS from the right (by
 * default the right-most): the one added by the reverse proxy in front of the app, which a client cannot forge
 * (entries to its left can be). Next.js itself only fills the header in when it is absent, so an app reached
 * without a proxy lets the client choose its address: the README says to run it behind one.
 */
export function requestMetaFrom(headers: Headers, hops = env().TRUSTED_PROXY_HOPS): RequestMeta {
  const forwarded = headers
    .get("x-forwarded-for")
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  // Fewer entries than proxies: the nearest proxy's view is the best there is.
  const ip = (forwarded?.length ? forwarded[Math.max(0, forwarded.length - hops)] : undefined) ?? headers.get("x-real-ip") ?? undefined;
  return {
    ip: ip?.slice(0, 64),
    userAgent: headers.get("user-agent")?.slice(0, 1000) ?? undefined,
    requestId: headers.get("x-request-id")?.slice(0, 100) ?? randomUUID(),
  };
}
