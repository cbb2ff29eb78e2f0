/** The scan types a signed paper form may be kept as, recognised by their first bytes rather than a name or a header. */
export const scanTypes = {
  "application/pdf": { extension: "pdf", label: "PDF" },
  "image/jpeg": { extension: "jpg", label: "JPEG" },
  "image/png": { extension: "png", label: "PNG" },
} as const;
export type ScanType = keyof typeof scanTypes;

export const MAX_SCAN_BYTES = 10 * 1024 * 1024;

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);

/** The file's real type from its magic number; null for anything else (a renamed .exe stays refused). */
export function sniffScanType(bytes: Uint8Array): ScanType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf"; // %PDF-
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  return null;
}
