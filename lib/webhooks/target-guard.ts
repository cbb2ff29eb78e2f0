import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import { env } from "../env";
import { isSpecialAddress } from "./special-addresses";
import { endpointUrlSyntaxProblem } from "./target-url";

/**
 * An endpoint URL is typed by a workspace admin, and the server then calls it: without a guard that is a way
 * to make the server reach its own network (metadata services, the database's admin port, this machine's own
 * addresses). In production only https URLs resolving to public addresses are called (special-addresses.ts);
 * the address is checked at connect time, after DNS, so a name that later re-resolves to a private address is
 * refused too. Development and tests allow local receivers, and so does WEBHOOKS_ALLOW_PRIVATE_NETWORKS=1 for
 * installs whose systems live on a private network.
 */
export function privateNetworksAllowed(): boolean {
  const { WEBHOOKS_ALLOW_PRIVATE_NETWORKS: flag, NODE_ENV } = env();
  if (flag !== undefined) return flag === "1" || flag === "true";
  return NODE_ENV !== "production";
}

/** Why this URL may not be an endpoint, in words for the person who typed it; null when it may. */
export function endpointUrlProblem(raw: string, allowPrivate = privateNetworksAllowed()): string | null {
  const syntax = endpointUrlSyntaxProblem(raw);
  if (syntax) return syntax;
  const url = new URL(raw);
  if (allowPrivate) return null;
  if (url.protocol !== "https:") return "Use an https:// URL: consent data must not travel unencrypted.";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".internal") || host.endsWith(".local")) {
    return "Use an address reachable on the internet; this one points inside this server's network.";
  }
  if (isIP(host) && isSpecialAddress(host)) return "Use an address reachable on the internet; this one points inside this server's network.";
  return null;
}

export class BlockedAddressError extends Error {
  constructor(address: string) {
    super(`refused to connect to ${address}: a special-purpose address or one of this machine's own`);
    this.name = "BlockedAddressError";
  }
}

/** A dns.lookup for http.request that refuses private addresses unless they are allowed. */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: object, callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const list = addresses as LookupAddress[];
      const bad = allowPrivate ? undefined : list.find((a) => isSpecialAddress(a.address));
      if (bad) return callback(new BlockedAddressError(bad.address), []);
      if ((options as { all?: boolean }).all) return callback(null, list);
      const first = list[0];
      if (!first) return callback(new Error(`no address for ${hostname}`), []);
      callback(null, first.address, first.family);
    });
  };
}
