/**
 * The bundled Noto Sans Devanagari faces (SIL OFL, public/fonts/), declared in app/globals.css as "Assent
 * Devanagari". One face per weight the pages draw: 400 (and 500, font-medium, which CSS draws with the 400 face),
 * 600 (font-semibold) and 700 (font-bold); none is synthesised. The test beside this file holds the CSS to these.
 */
export const DEVANAGARI_WEIGHTS = [400, 600, 700] as const;

export type DevanagariWeight = (typeof DEVANAGARI_WEIGHTS)[number];

/** The face's address under public/. */
export function devanagariFaceUrl(weight: DevanagariWeight): string {
  return `/fonts/noto-sans-devanagari-devanagari-${weight}-normal.woff2`;
}
