import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { figure, type Database, type Figure } from "./figures";
import { percentile } from "./stats";

/**
 * The hosted page as a phone gets it (issue 4): Lighthouse's mobile audit (its default: a mid-range phone on a
 * slow 4G link, simulated), run several times for the median; and the JavaScript the page loads, gzipped,
 * beside a bare Next.js page of the same build (/bench/bare).
 */
const CHROME = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu"];

type Scores = { performance: number; accessibility: number; bestPractices: number };

async function lighthouseOnce(url: string): Promise<Scores> {
  const chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags: CHROME_FLAGS });
  try {
    // A run that hangs (a loaded machine can stall Chrome) fails the figure rather than the whole bench.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("Lighthouse took over 4 minutes")), 240_000)));
    const result = await Promise.race([
      lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility", "best-practices"] }),
      timeout,
    ]).finally(() => clearTimeout(timer));
    if (!result) throw new Error("Lighthouse returned nothing");
    const c = result.lhr.categories;
    if (result.lhr.runtimeError) throw new Error(`Lighthouse: ${result.lhr.runtimeError.message}`);
    const score = (x: { score: number | null } | undefined) => Math.round((x?.score ?? 0) * 100);
    return { performance: score(c.performance), accessibility: score(c.accessibility), bestPractices: score(c["best-practices"]) };
  } finally {
    chrome.kill();
  }
}

export async function lighthouseFigures(url: string, runs: number, database: Database, log: (line: string) => void): Promise<Figure[]> {
  const all: Scores[] = [];
  for (let i = 0; i < runs; i++) {
    try {
      all.push(await lighthouseOnce(url));
      log(
        `  Lighthouse run ${i + 1}: performance ${all.at(-1)!.performance}, accessibility ${all.at(-1)!.accessibility}, best practices ${all.at(-1)!.bestPractices}`,
      );
    } catch (error) {
      log(`  Lighthouse run ${i + 1} failed: ${(error as Error).message}`);
    }
  }
  if (all.length === 0) throw new Error("every Lighthouse run failed");
  const median = (k: keyof Scores) =>
    percentile(
      all.map((s) => s[k]),
      50,
    );
  const detail = (k: keyof Scores) => `median of ${all.length}: ${all.map((s) => s[k]).join(", ")}`;
  const page = "hosted page /f/{workspace}/{form}, Lighthouse mobile";
  return [
    figure({
      figure: `${page}: performance`,
      database,
      value: median("performance"),
      unit: "points",
      baseline: null,
      target: { value: { atLeast: 95 } },
      detail: detail("performance"),
    }),
    figure({
      figure: `${page}: accessibility`,
      database,
      value: median("accessibility"),
      unit: "points",
      baseline: null,
      target: { value: { atLeast: 100 } },
      detail: detail("accessibility"),
    }),
    figure({
      figure: `${page}: best practices`,
      database,
      value: median("bestPractices"),
      unit: "points",
      baseline: null,
      target: { value: { atLeast: 95 } },
      detail: detail("bestPractices"),
    }),
  ];
}

/** Every script the page loads (external files, and chunks it loads after), each gzipped at the default level. */
async function scriptBytes(url: string): Promise<{ files: number; gzip: number }> {
  const browser = await chromium.launch({
    executablePath: CHROME,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
    const bodies: Promise<Buffer>[] = [];
    page.on("response", (res) => {
      if (res.request().resourceType() === "script") bodies.push(res.body());
    });
    const res = await page.goto(url, { waitUntil: "networkidle" });
    if (!res?.ok()) throw new Error(`${url} answered ${res?.status()}`);
    const scripts = await Promise.all(bodies);
    return { files: scripts.length, gzip: scripts.reduce((n, b) => n + gzipSync(b).length, 0) };
  } finally {
    await browser.close();
  }
}

export async function javascriptFigure(hostedUrl: string, bareUrl: string, database: Database, log: (line: string) => void): Promise<Figure> {
  const hosted = await scriptBytes(hostedUrl);
  const bare = await scriptBytes(bareUrl);
  const kB = (n: number) => n / 1000;
  log(`  JavaScript: hosted page ${kB(hosted.gzip).toFixed(1)} kB in ${hosted.files} files, bare page ${kB(bare.gzip).toFixed(1)} kB in ${bare.files}`);
  return figure({
    figure: "hosted page JavaScript (gzip, all it loads)",
    database,
    value: kB(hosted.gzip),
    unit: "kB",
    baseline: { label: "bare Next.js page, same build", value: kB(bare.gzip) },
    target: { value: { atMost: kB(bare.gzip) + 15 } },
    detail: `${hosted.files} files vs ${bare.files}; +${kB(hosted.gzip - bare.gzip).toFixed(1)} kB`,
  });
}
