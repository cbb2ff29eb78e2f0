import { describe, expect, it } from "vitest";
import { figure, formatNumber, formatTable, formatTarget, summarize } from "./figures";

describe("figure", () => {
  it("takes the ratio to the baseline and judges it against the ratio target", () => {
    const f = figure({
      figure: "single check",
      database: "postgres",
      value: 80,
      unit: "requests/s",
      baseline: { label: "trivial route", value: 100 },
      target: { ratio: { atLeast: 0.8 } },
    });
    expect(f.ratio).toBeCloseTo(0.8);
    expect(f.verdict).toBe("pass");
    expect(figure({ ...f, value: 79 }).verdict).toBe("falls short");
  });

  it("needs every part of a target: a good ratio with too low a rate falls short", () => {
    const target = { ratio: { atLeast: 0.3 }, value: { atLeast: 50_000 } };
    const base = { figure: "bulk", database: "pglite" as const, unit: "numbers/s", baseline: { label: "bare", value: 100_000 }, target };
    expect(figure({ ...base, value: 40_000 }).verdict).toBe("falls short");
    expect(figure({ ...base, value: 60_000 }).verdict).toBe("pass");
  });

  it("judges upper bounds and absolute figures, and shows untargeted ones for context", () => {
    expect(
      figure({ figure: "js", database: "any", value: 120, unit: "kB", baseline: { label: "bare", value: 110 }, target: { value: { atMost: 125 } } }).verdict,
    ).toBe("pass");
    expect(figure({ figure: "score", database: "any", value: 94, unit: "", baseline: null, target: { value: { atLeast: 95 } } })).toMatchObject({
      ratio: null,
      verdict: "falls short",
    });
    expect(figure({ figure: "x", database: "any", value: 1, unit: "", baseline: null, target: {} }).verdict).toBe("—");
  });

  it("has no ratio, and so fails a ratio target, when the baseline is zero", () => {
    expect(figure({ figure: "x", database: "any", value: 1, unit: "", baseline: { label: "b", value: 0 }, target: { ratio: { atLeast: 0.5 } } })).toMatchObject(
      { ratio: null, verdict: "falls short" },
    );
  });
});

describe("the table", () => {
  it("prints one row per figure with value, baseline, ratio, target and verdict", () => {
    const rows = [
      figure({
        figure: "POST /api/v1/consents",
        database: "postgres",
        value: 210.4,
        unit: "requests/s",
        detail: "p50 4.1 ms",
        baseline: { label: "trivial route", value: 300 },
        target: { ratio: { atLeast: 0.7 } },
      }),
      figure({
        figure: "hosted page JS (gzip)",
        database: "any",
        value: 101.26,
        unit: "kB",
        baseline: { label: "bare page", value: 99 },
        target: { value: { atMost: 114 } },
      }),
    ];
    const table = formatTable(rows).split("\n");
    expect(table).toHaveLength(4);
    expect(table[2]).toBe("| POST /api/v1/consents | postgres | 210 requests/s (p50 4.1 ms) | trivial route: 300 requests/s | 0.70× | ≥ 0.7× | pass |");
    expect(table[3]).toBe("| hosted page JS (gzip) | any | 101 kB | bare page: 99 kB | 1.02× | ≤ 114 kB | pass |");
    expect(summarize(rows)).toEqual({ pass: 2, short: 0, context: 0 });
  });

  it("formats numbers and targets readably", () => {
    expect(formatNumber(27_341.6)).toBe("27,342");
    expect(formatNumber(0.54321)).toBe("0.543");
    expect(formatTarget({ unit: "numbers/s", target: { ratio: { atLeast: 0.3 }, value: { atLeast: 50_000 } } })).toBe("≥ 0.3× and ≥ 50,000 numbers/s");
    expect(formatTarget({ unit: "", target: {} })).toBe("—");
  });
});
