import { describe, expect, it } from "vitest";
import { unreadableFormBody } from "./form-body";

const post = (type: string, body: string) => new Request("http://t/f/demo/join", { method: "POST", headers: { "content-type": type }, body });
const part = (boundary: string, name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;

describe("form bodies proxy.ts refuses before Next.js parses them", () => {
  it("refuses multipart without a boundary, with another boundary, unterminated, or with nameless parts", async () => {
    const body = `${part("b0", "phone", "+12015550123")}--b0--\r\n`;
    expect(await unreadableFormBody(post("multipart/form-data", body))).toBe(true);
    expect(await unreadableFormBody(post("multipart/form-data; boundary=other", body))).toBe(true);
    expect(await unreadableFormBody(post("multipart/form-data; boundary=b0", part("b0", "phone", "1")))).toBe(true);
    expect(await unreadableFormBody(post("multipart/form-data; boundary=b0", "--b0\r\n\r\nvalue\r\n--b0--\r\n"))).toBe(true);
  });

  it("lets well-formed forms through, and leaves other bodies and methods alone", async () => {
    const body = `${part("b0", "phone", "+12015550123")}${part("b0", "categories", "offers")}--b0--\r\n`;
    expect(await unreadableFormBody(post("multipart/form-data; boundary=b0", body))).toBe(false);
    expect(await unreadableFormBody(post("application/x-www-form-urlencoded", "phone=%2B1&x=%"))).toBe(false);
    expect(await unreadableFormBody(post("text/plain;charset=UTF-8", '["$K1"]'))).toBe(false);
    expect(await unreadableFormBody(new Request("http://t/f/demo/join"))).toBe(false);
  });
});

describe("part headers busboy refuses", () => {
  it("refuses a part header block over 16 KiB and header lines that are not `token: text`", async () => {
    const long = `${part("b0", "x".repeat(17_000), "1")}--b0--\r\n`;
    expect(await unreadableFormBody(post("multipart/form-data; boundary=b0", long))).toBe(true);
    const badLine = `--b0\r\nContent-Disposition: form-data; name="a"\r\nno colon here\r\n\r\n1\r\n--b0--\r\n`;
    expect(await unreadableFormBody(post("multipart/form-data; boundary=b0", badLine))).toBe(true);
  });

  it("passes a file part with a content type and a non-ASCII file name", async () => {
    const file = `--b0\r\nContent-Disposition: form-data; name="scan"; filename="Fiche signée.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--b0--\r\n`;
    expect(await unreadableFormBody(post("multipart/form-data; boundary=b0", file))).toBe(false);
  });
});
