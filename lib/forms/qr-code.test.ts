import jsQR from "jsqr";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { formQrModules, formQrPng, formQrSvg, QR_QUIET_ZONE } from "./qr-code";

const url = "https://assent.example/f/acme-coffee/join";

describe("form QR code", () => {
  it("the PNG decodes to the form's URL", async () => {
    const png = PNG.sync.read(await formQrPng(url, 600));
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(url);
  });

  it("keeps a quiet zone of four modules around the symbol", async () => {
    const { size } = formQrModules(url);
    const width = 4 * (size + 2 * QR_QUIET_ZONE);
    const png = PNG.sync.read(await formQrPng(url, width));
    const scale = png.width / (size + 2 * QR_QUIET_ZONE);
    const edge = Math.floor(QR_QUIET_ZONE * scale) - 1;
    // Every pixel in the quiet zone band is white.
    for (let i = 0; i < png.width; i++) {
      for (const [x, y] of [
        [i, edge],
        [edge, i],
        [i, png.height - 1 - edge],
        [png.width - 1 - edge, i],
      ] as const) {
        expect(png.data[(y * png.width + x) * 4]).toBe(255);
      }
    }
  });

  it("the SVG draws the same symbol, with a quiet zone, scalable for print", async () => {
    const svg = await formQrSvg(url);
    const { size } = formQrModules(url);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain(`viewBox="0 0 ${size + 2 * QR_QUIET_ZONE} ${size + 2 * QR_QUIET_ZONE}"`);
    expect(svg).toContain("<path");
  });

  it("uses quartile error correction, for posters that get smudged or pinned", async () => {
    const { create } = await import("qrcode");
    const q = create(url, { errorCorrectionLevel: "Q" }).modules;
    const m = formQrModules(url);
    expect(m.size).toBe(q.size);
    for (let r = 0; r < q.size; r++) for (let c = 0; c < q.size; c++) expect(m.isDark(r, c)).toBe(Boolean(q.get(r, c)));
    expect(create(url, { errorCorrectionLevel: "L" }).modules.size).toBeLessThan(q.size);
  });
});
