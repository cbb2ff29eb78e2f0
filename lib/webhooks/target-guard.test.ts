import { describe, expect, it } from "vitest";
import { guardedLookup, endpointUrlProblem } from "./target-guard";
import { interfaceAddresses, isSpecialAddress } from "./special-addresses";

/** One address from each block of IANA's IPv4 and IPv6 special-purpose registries, and a few more never to call. */
const refusedV4 = [
  "0.0.0.0",
  "0.1.2.3", // this network
  "10.1.2.3",
  "172.16.0.1",
  "172.31.255.254",
  "192.168.1.1", // private
  "100.64.0.1",
  "100.127.255.254", // shared address space (CGN)
  "127.0.0.1",
  "127.255.255.254", // loopback
  "169.254.169.254", // link local (cloud metadata)
  "192.0.0.1",
  "192.0.0.9",
  "192.0.0.170", // IETF protocol assignments, PCP/TURN anycast, NAT64 discovery
  "192.0.2.1",
  "198.51.100.7",
  "203.0.113.200", // documentation
  "192.31.196.1",
  "192.175.48.1", // AS112
  "192.52.193.1", // AMT
  "192.88.99.1", // deprecated 6to4 relay anycast
  "198.18.0.1",
  "198.19.255.254", // benchmarking
  "224.0.0.1",
  "239.255.255.250", // multicast
  "240.0.0.1",
  "255.255.255.254",
  "255.255.255.255", // reserved, limited broadcast
];
const refusedV6 = [
  "::",
  "::1", // unspecified, loopback
  "::ffff:127.0.0.1",
  "::ffff:10.0.0.1",
  "::ffff:192.0.2.1",
  "::ffff:169.254.169.254", // IPv4-mapped private / documentation
  "::127.0.0.1",
  "::a00:1", // IPv4-compatible (deprecated)
  "::ffff:0:7f00:1", // IPv4-translated
  "64:ff9b::7f00:1",
  "64:ff9b::a00:1",
  "64:ff9b::c0a8:101",
  "64:ff9b::a9fe:a9fe", // NAT64 of private ones
  "64:ff9b:1::1", // local-use NAT64
  "100::1",
  "100:0:0:1::1", // discard-only, dummy prefix
  "2001::1",
  "2001:0:4136:e378:8000:63bf:3fff:fdd2", // Teredo
  "2001:1::1",
  "2001:1::2",
  "2001:2::1",
  "2001:3::1",
  "2001:4:112::1",
  "2001:10::1",
  "2001:20::1",
  "2001:30::1",
  "2001:1ff::1", // IETF assignments
  "2001:db8::1",
  "2001:db8:ffff::1",
  "3fff::1",
  "3fff:fff::1", // documentation
  "2002:7f00:1::1",
  "2002:808:808::1", // 6to4, whatever it embeds
  "2620:4f:8000::1", // AS112
  "5f00::1", // segment routing
  "fc00::1",
  "fd00::2", // unique local
  "fe80::1",
  "fe80::1%eth0",
  "febf::1", // link local
  "fec0::1", // site local (deprecated)
  "ff02::1",
  "ff0e::1", // multicast
  "4000::1",
  "e000::1", // outside 2000::/3: not allocated for unicast
];
const allowed = ["8.8.8.8", "1.1.1.1", "93.184.215.14", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8", "64:ff9b::808:808"];

describe("webhook targets in production", () => {
  it.each([...refusedV4, ...refusedV6])("refuses %s", (address) => {
    expect(isSpecialAddress(address, [])).toBe(true);
  });

  it.each(allowed)("allows the public address %s", (address) => {
    expect(isSpecialAddress(address, [])).toBe(false);
  });

  it("refuses this machine's own interface addresses, as URLs and as DNS answers", async () => {
    const own = interfaceAddresses();
    expect(own.length).toBeGreaterThan(0);
    for (const address of own) {
      expect(isSpecialAddress(address)).toBe(true);
      const host = address.includes(":") ? `[${address.split("%")[0]}]` : address;
      expect(endpointUrlProblem(`https://${host}:8443/hooks`, false)).toMatch(/inside this server's network/);
    }
  });

  it("refuses a public address that is one of this machine's own, in any spelling", () => {
    expect(isSpecialAddress("93.184.215.14", ["93.184.215.14"])).toBe(true);
    expect(isSpecialAddress("::ffff:93.184.215.14", ["93.184.215.14"])).toBe(true);
    expect(isSpecialAddress("64:ff9b::5db8:d70e", ["93.184.215.14"])).toBe(true);
    expect(isSpecialAddress("2a00:1450:4001:80b:0:0:0:200e", ["2a00:1450:4001:80b::200e"])).toBe(true);
    expect(isSpecialAddress("93.184.215.15", ["93.184.215.14"])).toBe(false);
  });

  it("refuses URLs naming such addresses however they are written; allows them with private networks allowed", () => {
    for (const url of [
      "https://127.1/",
      "https://2130706433/",
      "https://0x7f.0.0.1/",
      "https://[::ffff:7f00:1]/",
      "https://[64:ff9b::a00:1]/",
      "https://198.51.100.7/",
      "https://[2001:db8::1]/",
    ]) {
      expect(endpointUrlProblem(url, false)).toMatch(/inside this server's network/);
      expect(endpointUrlProblem(url, true)).toBeNull();
    }
    expect(endpointUrlProblem("https://8.8.8.8/hooks", false)).toBeNull();
  });

  it("checks after DNS: a name resolving to a refused address fails at connect time", async () => {
    const lookup = guardedLookup(false);
    const error = await new Promise<Error | null>((resolve) => lookup("localhost", {}, (e) => resolve(e)));
    expect(error?.name).toBe("BlockedAddressError");
    const allowedLookup = guardedLookup(true);
    expect(await new Promise<Error | null>((resolve) => allowedLookup("localhost", {}, (e) => resolve(e)))).toBeNull();
  });
});
