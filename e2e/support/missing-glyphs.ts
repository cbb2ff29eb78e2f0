import type { CDPSession, Page } from "@playwright/test";

/** The bundled web font's own name (its name table), as Chromium reports the font it drew with. */
const BUNDLED_FAMILY = "Noto Sans Devanagari";
/** The bundled face Chromium must draw each computed weight with: the weights the pages use, none synthesised. */
const FACE_FOR_WEIGHT = (weight: number) =>
  weight >= 700 ? "NotoSansDevanagari-Bold" : weight >= 600 ? "NotoSansDevanagari-SemiBold" : "NotoSansDevanagari-Regular";

// Devanagari, Vedic extensions and Devanagari Extended; joiners continue a run but do not start one.
const DEVANAGARI = /[\u0900-\u097F\u1CD0-\u1CFF\uA8E0-\uA8FF]/g;

export type GlyphProblem = { text: string; weight?: number; fonts: string[] };
/** What was found wrong, and what was looked at: the Devanagari runs drawn, and their weights. */
export type GlyphReport = { problems: GlyphProblem[]; runs: number; weights: number[] };

type PlatformFont = { familyName: string; postScriptName: string; isCustomFont: boolean; glyphCount: number };
type DomNode = {
  nodeId: number;
  nodeType: number;
  nodeName: string;
  nodeValue: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
};

const SKIPPED = new Set(["SCRIPT", "STYLE", "TITLE", "NOSCRIPT", "TEMPLATE", "HEAD"]);

/** Every element of the page that holds text alone (frames and form controls' inner text included), with its text. */
function walk(node: DomNode, visit: (element: DomNode, text: string) => void) {
  if (SKIPPED.has(node.nodeName)) return;
  // Only elements whose children are all text: Chromium counts a child element's glyphs into its parent's fonts.
  const children = node.children ?? [];
  if (node.nodeType === 1 && children.length > 0 && children.every((c) => c.nodeType === 3)) visit(node, children.map((c) => c.nodeValue).join(""));
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? []), ...(node.contentDocument ? [node.contentDocument] : [])]) walk(child, visit);
}

async function fontsFor(cdp: CDPSession, nodeId: number): Promise<PlatformFont[]> {
  try {
    return (await cdp.send("CSS.getPlatformFontsForNode", { nodeId })).fonts as PlatformFont[];
  } catch {
    return []; // an element without a layout box (display: none) draws nothing
  }
}

const named = (fonts: PlatformFont[]) => fonts.map((f) => `${f.postScriptName || f.familyName}${f.isCustomFont ? " (web font)" : ""} ×${f.glyphCount}`);
const bundled = (f: PlatformFont) => f.isCustomFont && f.familyName.startsWith(BUNDLED_FAMILY);

/**
 * Devanagari text on the page that Chromium did not draw with the bundled web font in the face of its weight:
 * with no system Devanagari font (launchWithLatinFontsOnly) that text is empty boxes. Reads the fonts Chromium
 * laid the text out with (DevTools' CSS.getPlatformFontsForNode), in two passes:
 *
 * 1. the page as it is, every element with Devanagari in its own text (input values too): the bundled font must
 *    be among its fonts, and the other fonts may draw no more glyphs than the text has other characters (a box
 *    drawn by a Latin font for a Devanagari letter is one glyph more);
 * 2. each run of Devanagari wrapped in a span of its own, so its fonts are its alone: only the bundled font, in
 *    the face of the run's computed weight.
 *
 * Pass 2 changes the page's DOM: call it last on a page.
 */
export async function missingDevanagariGlyphs(page: Page): Promise<GlyphReport> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("DOM.enable");
  await cdp.send("CSS.enable");
  const problems: GlyphProblem[] = [];
  const weights = new Set<number>();
  let drawn = 0;
  try {
    const first: { node: DomNode; text: string }[] = [];
    walk((await cdp.send("DOM.getDocument", { depth: -1, pierce: true })).root as DomNode, (node, text) => {
      if (text.match(DEVANAGARI)) first.push({ node, text });
    });
    for (const { node, text } of first) {
      const fonts = await fontsFor(cdp, node.nodeId);
      if (fonts.length === 0) continue;
      const devanagari = text.match(DEVANAGARI)?.length ?? 0;
      const others = [...text].length - devanagari;
      const otherGlyphs = fonts.filter((f) => !bundled(f)).reduce((n, f) => n + f.glyphCount, 0);
      if (!fonts.some(bundled) || otherGlyphs > others) problems.push({ text: text.trim(), fonts: named(fonts) });
    }

    for (const frame of page.frames()) {
      await frame.evaluate(() => {
        const runs = /[\u0900-\u097F\u1CD0-\u1CFF\uA8E0-\uA8FF][\u0900-\u097F\u1CD0-\u1CFF\uA8E0-\uA8FF\u200C\u200D]*/g;
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        const texts: Text[] = [];
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const parent = n.parentElement;
          if (parent && !parent.closest("script, style, noscript, template, textarea, select, option") && /[\u0900-\u097F]/.test((n as Text).data))
            texts.push(n as Text);
        }
        for (const node of texts) {
          const parts = node.data.split(new RegExp(`(${runs.source})`));
          const fragment = document.createDocumentFragment();
          parts.forEach((part, i) => {
            if (i % 2 === 0) {
              if (part) fragment.append(part);
              return;
            }
            const span = document.createElement("span");
            span.setAttribute("data-glyph-run", "");
            span.textContent = part;
            fragment.append(span);
          });
          node.replaceWith(fragment);
        }
        for (const span of document.querySelectorAll("[data-glyph-run]")) span.setAttribute("data-glyph-weight", getComputedStyle(span).fontWeight);
      });
    }
    const runs: { node: DomNode; text: string; weight: number }[] = [];
    walk((await cdp.send("DOM.getDocument", { depth: -1, pierce: true })).root as DomNode, (node, text) => {
      const attributes = node.attributes ?? [];
      const weight = attributes.indexOf("data-glyph-weight");
      if (attributes.includes("data-glyph-run") && weight >= 0) runs.push({ node, text, weight: Number(attributes[weight + 1]) });
    });
    for (const { node, text, weight } of runs) {
      const fonts = await fontsFor(cdp, node.nodeId);
      if (fonts.length === 0) continue;
      drawn++;
      weights.add(weight);
      if (!fonts.every((f) => bundled(f) && f.postScriptName === FACE_FOR_WEIGHT(weight))) problems.push({ text, weight, fonts: named(fonts) });
    }
  } finally {
    await cdp.detach();
  }
  return { problems, runs: drawn, weights: [...weights].sort((a, b) => a - b) };
}
