import { describe, expect, it } from "vitest";
import { requestMetaFrom } from "./request-meta";

const xff = (value: string) => new Headers({ "x-forwarded-for": value });

describe("requestMetaFrom", () => {
  it("takes the address the nearest proxy added, not one the client wrote to its left", () => {
    expect(requestMetaFrom(xff("6.6.6.6, 203.0.113.5"), 1).ip).toBe("203.0.113.5");
  });
  it("behind two proxies (a CDN and a load balancer) takes the second entry from the right", () => {
    expect(requestMetaFrom(xff("6.6.6.6, 203.0.113.5, 10.0.0.2"), 2).ip).toBe("203.0.113.5");
    expect(requestMetaFrom(xff("203.0.113.5"), 2).ip).toBe("203.0.113.5");
  });
  it("falls back to X-Real-IP, then to no address", () => {
    expect(requestMetaFrom(new Headers({ "x-real-ip": "198.51.100.3" }), 1).ip).toBe("198.51.100.3");
    expect(requestMetaFrom(new Headers(), 1).ip).toBeUndefined();
  });
});
