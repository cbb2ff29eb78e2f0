import "server-only";
import { randomUUID } from "node:crypto";

export type RequestMeta = { ip: string | undefined; userAgent: string | undefined; requestId: string };

/**
 * Evidence about the request. The client IP is the right-most X-Forwarded-For entry: the one added by the
 * reverse proxy in front of the app, which a client cannot forge (entries to its left can be).
 */
export function requestMetaFrom(headers: Headers): RequestMeta {
  const forwarded = headers.get("x-forwarded-for")?.split(",").map((s) => s.trim()).filter(Boolean);
  const ip = forwarded?.at(-1) ?? headers.get("x-real-ip") ?? undefined;
  return {
    ip: ip?.slice(0, 64),
    userAgent: headers.get("user-agent")?.slice(0, 1000) ?? undefined,
    requestId: headers.get("x-request-id")?.slice(0, 100) ?? randomUUID(),
  };
}
