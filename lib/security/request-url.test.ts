import { describe, expect, it } from "vitest";
import { unservableAddress } from "./request-url";

describe("addresses the app refuses before routing", () => {
  it("refuses malformed percent-escapes in the path", () => {
    for (const path of ["/%", "/p/%", "/f/%E0%A4%A/join", "/api/v1/contacts/%zz", "/api/webhooks/sms/%C0"]) {
      expect(unservableAddress(path, ""), path).toMatch(/malformed/);
    }
  });

  it("refuses NUL in the path or the query, however it is spelt", () => {
    expect(unservableAddress("/api/webhooks/whatsapp/%00", "")).toMatch(/NUL/);
    expect(unservableAddress("/f/a%00b/join", "")).toMatch(/NUL/);
    expect(unservableAddress("/api/v1/consent-checks", "?phone=1&category=%00")).toMatch(/NUL/);
    expect(unservableAddress("/x", "?a=%2500")).toBeNull();
  });

  it("lets every well-formed address through, encoded characters included", () => {
    for (const [path, search] of [
      ["/", ""],
      ["/demo/contacts", "?q=%2B1%20201&state=opted_out"],
      ["/api/v1/contacts/%2B12015550123", ""],
      ["/f/demo/join", "?lang=hi"],
      ["/f/d%C3%A9mo/%E0%A4%9C", "?q=100%25"],
      ["/p/abc_DEF-123", "?notice=saved"],
    ]) {
      expect(unservableAddress(path!, search!), path).toBeNull();
    }
  });
});
