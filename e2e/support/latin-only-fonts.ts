import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, chromium } from "@playwright/test";
import { systemChromium } from "./chromium";

// DejaVu Sans has Latin, Greek and Cyrillic but no Devanagari. Taken from the repository (the PDF fonts), not from
// /usr/share/fonts, so the browser sees the same fonts on every machine whatever fonts it has installed.
const LATIN_FONTS = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"].map((f) => path.resolve("lib/exports/fonts", f));

/**
 * A Chromium that sees no font of the machine's but DejaVu Sans: fontconfig reads only the fonts.conf named by
 * FONTCONFIG_FILE, whose one font directory is a fresh copy of DejaVu. A developer's machine with Noto
 * installed (Devanagari included) would otherwise draw Hindi with its own font and hide a missing web font.
 */
export async function launchWithLatinFontsOnly(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), "assent-latin-fonts-"));
  mkdirSync(path.join(dir, "fonts"));
  for (const font of LATIN_FONTS) copyFileSync(font, path.join(dir, "fonts", path.basename(font)));
  writeFileSync(
    path.join(dir, "fonts.conf"),
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>${path.join(dir, "fonts")}</dir>
  <cachedir>${path.join(dir, "cache")}</cachedir>
</fontconfig>
`,
  );
  const browser = await chromium.launch({
    executablePath: systemChromium,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    env: { ...process.env, FONTCONFIG_FILE: path.join(dir, "fonts.conf"), FONTCONFIG_PATH: dir },
  });
  return {
    browser,
    close: async () => {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
