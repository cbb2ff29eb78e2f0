import { preload } from "react-dom";
import { type DevanagariWeight, devanagariFaceUrl } from "@/lib/public-pages/devanagari-font";

/**
 * Fetches the bundled Devanagari faces a page draws alongside its stylesheet, so a phone without a Devanagari
 * font does not wait for layout to find the text (the faces are `font-display: block`: invisible until loaded).
 * A device with its own Noto Sans Devanagari uses that (the faces' local() sources) and skips the download only
 * where nothing is preloaded, so this is for the pages that surely draw Devanagari. React sends each once.
 */
export function preloadDevanagari(weights: readonly DevanagariWeight[]) {
  for (const weight of weights) preload(devanagariFaceUrl(weight), { as: "font", type: "font/woff2", crossOrigin: "anonymous" });
}
