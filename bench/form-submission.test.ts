import { describe, expect, it } from "vitest";
import { formAction, hiddenFields } from "./form-submission";

describe("hiddenFields", () => {
  it("reads the hidden inputs of the form that carries the submission id, entities decoded", () => {
    const html = `<form action="/search"><input type="hidden" name="q" value="x"/></form>
      <form action="" method="POST"><input type="hidden" name="$ACTION_REF_1"/><input type="hidden" name="$ACTION_1:0" value="{&quot;id&quot;:&quot;7f&quot;,&quot;bound&quot;:&quot;$@1&quot;}"/>
      <input type="hidden" name="submissionId" value="abc"/><input type="text" name="phone" value=""/><input type="hidden" name="language" value="pt-BR"/></form>`;
    expect(hiddenFields(html)).toEqual([
      ["$ACTION_REF_1", ""],
      ["$ACTION_1:0", '{"id":"7f","bound":"$@1"}'],
      ["submissionId", "abc"],
      ["language", "pt-BR"],
    ]);
  });

  it("refuses a page without the opt-in form", () => {
    expect(() => hiddenFields('<form><input type="hidden" name="q"/></form>')).toThrow("no opt-in form");
  });
});

describe("formAction", () => {
  it("is the opt-in form's action, resolved against the page", () => {
    const html = `<form action="/search"><input name="q"/></form><form method="post" action="/f/acme/join/submit"><input type="hidden" name="submissionId" value="a"/></form>`;
    expect(formAction(html, "http://127.0.0.1:3000/f/acme/join?lang=es")).toBe("http://127.0.0.1:3000/f/acme/join/submit");
  });

  it("is the page itself when the form names no action", () => {
    const html = `<form method="post" action=""><input type="hidden" name="submissionId" value="a"/></form>`;
    expect(formAction(html, "http://127.0.0.1:3000/f/acme/join")).toBe("http://127.0.0.1:3000/f/acme/join");
  });
});
