import { describe, expect, it } from "vitest";
import { throttledResponse } from "./throttled-response";

describe("the 429 page of a throttled sign-up", () => {
  it("names the business that asks, in the page and its title, escaped", async () => {
    const response = throttledResponse({ language: "es", formPath: "/f/demo/join", retryAfterSeconds: 90, businessName: "Café <Acme> & Co" });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("90");
    const html = await response.text();
    expect(html).toContain('<p class="business">Café &lt;Acme&gt; &amp; Co</p>');
    expect(html).toContain("<title>Café &lt;Acme&gt; &amp; Co: Espera un momento</title>");
    expect(html).toContain('href="/f/demo/join?lang=es"');
  });

  it("without a business (an unknown address) still says to wait", async () => {
    const html = await throttledResponse({ language: "en", formPath: "/f/x/y", retryAfterSeconds: 60 }).text();
    expect(html).not.toContain('class="business"');
    expect(html).toContain("<title>Please wait a moment</title>");
  });
});
