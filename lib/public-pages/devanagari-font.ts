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

/** The faces' characters: Devanagari and what Hindi text uses with it, so Latin text never downloads them. */
export const DEVANAGARI_UNICODE_RANGE = "U+0900-097F, U+1CD0-1CF9, U+200C-200D, U+20A8, U+20B9, U+20F0, U+25CC, U+A830-A839, U+A8E0-A8FF";

const localNames: Record<DevanagariWeight, string> = { 400: "Regular", 600: "SemiBold", 700: "Bold" };

/**
 * The faces as app/globals.css declares them, for a page that cannot link the build's stylesheet
 * (lib/server/lanes/stale-action-page.ts). Its font-family must name "Assent Devanagari" first, as the app's does.
 */
export function devanagariFontFaceCss(): string {
  return DEVANAGARI_WEIGHTS.map(
    (weight) =>
      `@font-face{font-family:"Assent Devanagari";font-style:normal;font-weight:${weight};font-display:block;` +
      `src:local("Noto Sans Devanagari ${localNames[weight]}"),local("NotoSansDevanagari-${localNames[weight]}"),url("${devanagariFaceUrl(weight)}") format("woff2");` +
      `unicode-range:${DEVANAGARI_UNICODE_RANGE.replaceAll(" ", "")}}`,
  ).join("");
}
