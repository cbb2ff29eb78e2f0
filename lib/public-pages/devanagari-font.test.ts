import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { describe, expect, it } from "vitest";
import { countryOptions } from "@/lib/phone/countries";
import { staleActionPage } from "@/lib/server/lanes/stale-action-page";
import { DEVANAGARI_UNICODE_RANGE, DEVANAGARI_WEIGHTS, devanagariFaceUrl, devanagariFontFaceCss } from "./devanagari-font";

// The browser side of the same promise (the pages drawn without a system Devanagari font) is e2e/specs/glyphs.spec.ts.

const css = readFileSync("app/globals.css", "utf8");
const faces = [...css.matchAll(/@font-face\s*{([^}]*)}/g)]
  .map((m) => m[1]!)
  .filter((body) => body.includes('font-family: "Assent Devanagari"'))
  .map((body) => ({
    weight: Number(body.match(/font-weight:\s*(\d+)/)![1]),
    url: body.match(/url\("([^"]+)"\)/)![1]!,
    ranges: body
      .match(/unicode-range:\s*([^;]+);/)![1]!
      .split(",")
      .map((r) => r.trim().replace(/^U\+/i, "").split("-"))
      .map(([from, to]) => [Number.parseInt(from!, 16), Number.parseInt(to ?? from!, 16)] as const),
  }));
const ranges = faces[0]!.ranges;
const inRange = (codePoint: number) => ranges.some(([from, to]) => codePoint >= from && codePoint <= to);
const font = (url: string) => fontkit.create(readFileSync(path.join("public", url)));

/** Every source file the pages' text can come from (dictionaries, seeded and demo wording, templates), tests aside. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [file] : [];
  });
}

/** The characters the pages show that the Devanagari faces must draw: written in the code, or made by Intl in Hindi. */
function charactersShown(): Set<number> {
  const written = ["lib", "components", "app"].flatMap(sources).map((f) => readFileSync(f, "utf8"));
  const months = Array.from({ length: 12 }, (_, m) =>
    new Intl.DateTimeFormat("hi", { dateStyle: "full", timeStyle: "short", timeZone: "UTC" }).format(Date.UTC(2026, m, 1 + m)),
  );
  const countries = countryOptions("hi").map((c) => c.name);
  return new Set([...[...written, ...months, ...countries].join("")].map((c) => c.codePointAt(0)!).filter(inRange));
}

describe("the bundled Devanagari faces", () => {
  it("are declared once per weight the pages draw, from the files in public/, and come first in the font stack", () => {
    expect(faces.map((f) => f.weight)).toEqual([...DEVANAGARI_WEIGHTS]);
    for (const face of faces) expect(face.url).toBe(devanagariFaceUrl(face.weight as (typeof DEVANAGARI_WEIGHTS)[number]));
    // Behind the system fonts Chromium drew boxes with the face loaded (app/globals.css says why).
    expect(css.match(/--font-sans:\s*([^,]+),/)?.[1]).toBe('"Assent Devanagari"');
    for (const face of css.matchAll(/unicode-range:\s*([^;]+);/g)) expect(face[1]).toBe(DEVANAGARI_UNICODE_RANGE);
  });

  it("are the same, and first, on the page a stale form's post gets, which cannot link the build's stylesheet", () => {
    const { html } = staleActionPage(new URL("http://assent.test/f/demo/join?lang=hi"), undefined);
    expect(html).toContain(devanagariFontFaceCss());
    expect(html).toMatch(/body\{[^}]*font-family:"Assent Devanagari",/);
    for (const weight of DEVANAGARI_WEIGHTS) expect(devanagariFontFaceCss()).toContain(`font-weight:${weight};`);
  });

  it("are the weights they are declared as", () => {
    // fontkit's types name only part of the OS/2 table it reads.
    for (const face of faces) expect((font(face.url)["OS/2"] as { usWeightClass?: number }).usWeightClass).toBe(face.weight);
  });

  it("hold every Devanagari character of the dictionaries, the demo and template wording and Intl's Hindi names and dates", () => {
    const shown = charactersShown();
    expect(shown.size).toBeGreaterThan(50); // the Hindi dictionary alone uses more: the scan found the text
    for (const face of faces) {
      const f = font(face.url);
      const missing = [...shown].filter((c) => !f.hasGlyphForCodePoint(c)).map((c) => `U+${c.toString(16).toUpperCase()}`);
      expect({ weight: face.weight, missing }).toEqual({ weight: face.weight, missing: [] });
    }
  });

  it("hold every character of their unicode-range that the full Noto Sans Devanagari has, so any name typed in Hindi draws", () => {
    const full = fontkit.create(readFileSync("lib/exports/fonts/NotoSansDevanagari-Regular.ttf"));
    const wanted = full.characterSet.filter(inRange);
    expect(wanted.length).toBeGreaterThan(200);
    for (const face of faces) {
      const f = font(face.url);
      const missing = wanted.filter((c) => !f.hasGlyphForCodePoint(c)).map((c) => `U+${c.toString(16).toUpperCase()}`);
      expect({ weight: face.weight, missing }).toEqual({ weight: face.weight, missing: [] });
    }
  });
});
