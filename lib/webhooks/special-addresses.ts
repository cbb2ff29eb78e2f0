import { networkInterfaces } from "node:os";
import ipaddr from "ipaddr.js";

type Net = [ipaddr.IPv4 | ipaddr.IPv6, number];
const nets = (cidrs: string[]): Net[] => cidrs.map((c) => ipaddr.parseCIDR(c));

/**
 * IANA's special-purpose registries that ipaddr.js's range() does not name (it calls them "unicast"): the
 * deprecated IPv4-compatible block (it embeds an IPv4 address too), the dummy prefix of RFC 9780, and every
 * IPv6 address outside 2000::/3, the only block IANA allocates as global unicast.
 */
const extraV6 = nets(["::/96", "100:0:0:1::/64"]);
const globalUnicastV6 = ipaddr.parseCIDR("2000::/3");

/**
 * Whether an address is one a webhook may not be sent to in production: anything ipaddr.js does not class as
 * plain unicast (private, loopback, link-local, carrier-grade NAT, documentation and benchmarking ranges, the
 * IETF protocol assignments, multicast, reserved, 6to4, Teredo, …), what the extra lists add, and this
 * machine's own addresses (`ownAddresses`, by default every interface's). An IPv6 address that carries an IPv4
 * one the network would reach (IPv4-mapped, NAT64 64:ff9b::/96) is judged by that IPv4 address; 6to4 and Teredo
 * are refused outright (both deprecated, and either can embed an address inside this network).
 */
export function isSpecialAddress(address: string, ownAddresses: readonly string[] = interfaceAddresses()): boolean {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    // A zone ("fe80::1%eth0") only ever names a local link.
    if (address.includes("%")) return true;
    ip = ipaddr.parse(address);
  } catch {
    return true;
  }
  if (ip.kind() === "ipv6") {
    const v6 = ip as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) return isSpecialAddress(v6.toIPv4Address().toString(), ownAddresses);
    if (v6.range() === "rfc6052" && v6.match(ipaddr.parseCIDR("64:ff9b::/96"))) {
      return isSpecialAddress(ipaddr.fromByteArray(v6.toByteArray().slice(12)).toString(), ownAddresses);
    }
    if (v6.range() !== "unicast" || !v6.match(globalUnicastV6) || extraV6.some((net) => v6.match(net))) return true;
  } else if (ip.range() !== "unicast") {
    return true;
  }
  return ownAddresses.some((own) => sameAddress(own, ip));
}

function sameAddress(own: string, ip: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  try {
    const parsed = ipaddr.process(own.split("%")[0]!);
    return parsed.kind() === ip.kind() && parsed.toNormalizedString() === ip.toNormalizedString();
  } catch {
    return false;
  }
}

/** Every address of this machine's interfaces, read each time: interfaces come and go (DHCP, containers). */
export function interfaceAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address));
}
