import "server-only";
import { create, toBuffer, toString as toQrString, type QRCodeErrorCorrectionLevel } from "qrcode";

/**
 * Quartile error correction survives a quarter of the symbol being smudged, torn or covered by a pin on a
 * printed poster, while keeping a form URL at a version that still scans from arm's length.
 */
export const QR_ERROR_CORRECTION: QRCodeErrorCorrectionLevel = "Q";
/** The quiet zone the QR standard asks for: four modules of white around the symbol. */
export const QR_QUIET_ZONE = 4;

const options = { errorCorrectionLevel: QR_ERROR_CORRECTION, margin: QR_QUIET_ZONE, color: { dark: "#000000", light: "#ffffff" } };

export function formQrSvg(url: string): Promise<string> {
  return toQrString(url, { ...options, type: "svg" });
}

/** `width` in pixels; 1024 prints sharply at 10 cm and more. */
export function formQrPng(url: string, width = 1024): Promise<Buffer> {
  return toBuffer(url, { ...options, type: "png", width });
}

/** The dark modules, row by row, for drawing the symbol as vectors (a PDF); no quiet zone included. */
export function formQrModules(url: string): { size: number; isDark: (row: number, col: number) => boolean } {
  const { modules } = create(url, { errorCorrectionLevel: QR_ERROR_CORRECTION });
  return { size: modules.size, isDark: (row, col) => Boolean(modules.get(row, col)) };
}
