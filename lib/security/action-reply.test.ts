import { describe, expect, it } from "vitest";
import { undecodableActionArguments } from "./action-reply";

const call = (body: string | FormData, headers: Record<string, string> = {}) =>
  new Request("http://t/f/demo/join", {
    method: "POST",
    headers: { "next-action": "7f00", ...(typeof body === "string" ? { "content-type": "text/plain;charset=UTF-8" } : {}), ...headers },
    body,
  });

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
}

describe("server-action arguments proxy.ts refuses before React decodes them", () => {
  it("refuses arguments that are not a JSON array", async () => {
    for (const root of ['""', "{}", "1", "not json", "[1,2"]) expect(await undecodableActionArguments(call(root)), root).toBe(true);
    expect(await undecodableActionArguments(call(form([["0", '"x"']])))).toBe(true);
  });

  it("refuses action ids Next.js cannot parse and arguments nested deeper than any form's", async () => {
    expect(await undecodableActionArguments(call("[]", { "next-action": "((" }))).toBe(true);
    expect(await undecodableActionArguments(call(`[${"[".repeat(5000)}${"]".repeat(5000)}]`))).toBe(true);
  });

  it("refuses more arguments than Next.js accepts (it throws past 1,000)", async () => {
    expect(await undecodableActionArguments(call(JSON.stringify(Array.from({ length: 1001 }, () => ({ a: 1 })))))).toBe(true);
    expect(await undecodableActionArguments(call(JSON.stringify(Array.from({ length: 3 }, () => ({ a: 1 })))))).toBe(false);
  });

  it("refuses references to parts the body does not have", async () => {
    expect(await undecodableActionArguments(call('["$1:constructor:constructor"]'))).toBe(true);
    expect(await undecodableActionArguments(call('[{"a":"$@2"}]'))).toBe(true);
    expect(
      await undecodableActionArguments(
        call(
          form([
            ["0", '["$Q3"]'],
            ["1", "[]"],
          ]),
        ),
      ),
    ).toBe(true);
  });

  it("refuses the kinds of value no form of ours sends: server references, maps, streams, temporary references", async () => {
    for (const value of ["$h1", "$F1", "$Q1", "$W1", "$B1", "$r1", "$T", "$n1x", "$Z"]) {
      expect(
        await undecodableActionArguments(
          call(
            form([
              ["0", JSON.stringify([value])],
              ["1", "[]"],
            ]),
          ),
        ),
        value,
      ).toBe(true);
    }
    expect(await undecodableActionArguments(call('[{"at":"$D2026-11-25T00:00:00.000Z","gone":"$undefined","n":"$n12"}]'))).toBe(false);
  });

  it("passes what React's client sends: state and a FormData, escaped dollars, parts that exist", async () => {
    expect(
      await undecodableActionArguments(
        call(
          form([
            ["0", '[{"fields":{},"values":{"phone":"$$5"}},"$K1"]'],
            ["1_phone", "+12015550123"],
          ]),
        ),
      ),
    ).toBe(false);
    expect(
      await undecodableActionArguments(
        call(
          form([
            ["0", '["$1"]'],
            ["1", '{"a":1}'],
          ]),
        ),
      ),
    ).toBe(false);
    expect(await undecodableActionArguments(call("[]"))).toBe(false);
    expect(await undecodableActionArguments(call(form([["phone", "+12015550123"]])))).toBe(false);
  });

  it("leaves requests that are no action calls alone", async () => {
    expect(await undecodableActionArguments(new Request("http://t/f/demo/join", { method: "POST", body: "x" }))).toBe(false);
  });
});

describe("a server-action form posted without JavaScript", () => {
  const post = (entries: [string, string][]) => new Request("http://t/f/demo/join", { method: "POST", body: form(entries) });
  const meta = '{"id":"7f00","bound":"$@1"}';

  it("refuses missing or unreadable action metadata and bound arguments", async () => {
    expect(
      await undecodableActionArguments(
        post([
          ["$ACTION_REF_1", ""],
          ["phone", "1"],
        ]),
      ),
    ).toBe(true);
    expect(
      await undecodableActionArguments(
        post([
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", "{"],
        ]),
      ),
    ).toBe(true);
    expect(
      await undecodableActionArguments(
        post([
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", '{"bound":null}'],
        ]),
      ),
    ).toBe(true);
    expect(
      await undecodableActionArguments(
        post([
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", meta],
          ["$ACTION_1:1", "not json"],
        ]),
      ),
    ).toBe(true);
    expect(
      await undecodableActionArguments(
        post([
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", '{"id":"7f00","bound":"$@9"}'],
        ]),
      ),
    ).toBe(true);
    for (const bound of ["null", "{}", '"x"', "1"]) {
      expect(
        await undecodableActionArguments(
          post([
            ["$ACTION_REF_1", ""],
            ["$ACTION_1:0", meta],
            ["$ACTION_1:1", bound],
          ]),
        ),
        bound,
      ).toBe(true);
    }
  });

  it("passes the fields the page renders", async () => {
    expect(
      await undecodableActionArguments(
        post([
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", meta],
          ["$ACTION_1:1", '["demo","join",{"fields":{}}]'],
          ["$ACTION_KEY", "k1"],
          ["phone", "+1"],
        ]),
      ),
    ).toBe(false);
    expect(
      await undecodableActionArguments(
        post([
          ["$ACTION_ID_7f00", ""],
          ["token", "x"],
        ]),
      ),
    ).toBe(false);
  });
});
