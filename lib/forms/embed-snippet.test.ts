import { describe, expect, it } from "vitest";
import { defaultEmbedHeight, embedSnippet } from "./embed-snippet";

describe("embed snippet", () => {
  it("frames the hosted page with an accessible title, a height that cuts nothing, and a script that fits it", () => {
    const html = embedSnippet("https://assent.example/f/demo/join", "Acme Coffee on WhatsApp");
    expect(html).toMatch(
      new RegExp(
        `^<iframe src="https://assent.example/f/demo/join" title="Acme Coffee on WhatsApp" width="100%" height="${defaultEmbedHeight}" style="border:0;max-width:640px" loading="lazy"></iframe><script>`,
      ),
    );
    expect(html).toContain('e.origin==="https://assent.example"');
    expect(html).toContain('d.type==="assent:height"');
    expect(html).toContain("e.source===f.contentWindow");
    expect(html.endsWith("</script>")).toBe(true);
  });

  it("escapes what would end the attribute", () => {
    const html = embedSnippet("https://a.example/f/x/y?a=1&b=2", 'Say "hi" <now>');
    expect(html).toContain('src="https://a.example/f/x/y?a=1&amp;b=2"');
    expect(html).toContain('title="Say &quot;hi&quot; &lt;now&gt;"');
  });
});
