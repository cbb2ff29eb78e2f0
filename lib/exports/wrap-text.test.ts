import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { embedHouseFonts, wrapText } from "./pdf-text";

describe("wrapping printed text", () => {
  it("breaks at spaces but keeps a number joined by no-break spaces on one line", async () => {
    const { bold } = await embedHouseFonts(await PDFDocument.create());
    const call = "Send COFFEE on WhatsApp to +1\u00a0415\u00a0555\u00a00100";
    const width = bold.widthOfTextAtSize("Send COFFEE on WhatsApp to +1 415", 20);
    expect(wrapText(call, bold, 20, width)).toEqual(["Send COFFEE on WhatsApp to", "+1\u00a0415\u00a0555\u00a00100"]);
    // With ordinary spaces the same width fills the line, breaking the number.
    expect(wrapText(call.replaceAll("\u00a0", " "), bold, 20, width)).toEqual(["Send COFFEE on WhatsApp to +1 415", "555 0100"]);
  });
});
