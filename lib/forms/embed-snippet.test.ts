import { describe, expect, it } from "vitest";
import { embedSnippet } from "./embed-snippet";

describe("embed snippet", () => {
  it("frames the hosted page with an accessible title", () => {
    expect(embedSnippet("https://assent.example/f/demo/join", "Acme Coffee on WhatsApp")).toBe(
      '<iframe src="https://assent.example/f/demo/join" title="Acme Coffee on WhatsApp" width="100%" height="960" style="border:0;max-width:640px" loading="lazy"></iframe>',
    );
  });

  it("escapes what would end the attribute", () => {
    const html = embedSnippet("https://a.example/f/x/y?a=1&b=2", 'Say "hi" <now>');
    expect(html).toContain('src="https://a.example/f/x/y?a=1&amp;b=2"');
    expect(html).toContain('title="Say &quot;hi&quot; &lt;now&gt;"');
  });
});
