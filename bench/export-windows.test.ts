import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { closestWindow, exportTargets, type DayCount } from "./export-windows";

const days = (...rows: number[]): DayCount[] => rows.map((n, i) => ({ day: `2026-01-${String(i + 1).padStart(2, "0")}`, rows: n }));

describe("closestWindow", () => {
  it("finds an exact run of days", () => {
    expect(closestWindow(days(5, 1, 7, 3, 9), 11)).toEqual({ from: "2026-01-02", to: "2026-01-04", rows: 11 });
  });

  it("takes the nearest total above or below when none is exact", () => {
    expect(closestWindow(days(10, 10, 10), 19)).toEqual({ from: "2026-01-02", to: "2026-01-03", rows: 20 });
    expect(closestWindow(days(10, 10, 10), 100)).toEqual({ from: "2026-01-01", to: "2026-01-03", rows: 30 });
    expect(closestWindow(days(50, 60), 5)).toEqual({ from: "2026-01-01", to: "2026-01-01", rows: 50 });
  });

  it("is as close as a search of every window", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(100), { minLength: 1, maxLength: 30 }), fc.nat(1500), (counts, target) => {
        let best = Infinity;
        for (let a = 0; a < counts.length; a++) {
          let sum = 0;
          for (let b = a; b < counts.length; b++) {
            sum += counts[b]!;
            best = Math.min(best, Math.abs(sum - target));
          }
        }
        const w = closestWindow(days(...counts), target);
        const from = Number(w.from.slice(8)) - 1;
        const to = Number(w.to.slice(8)) - 1;
        expect(counts.slice(from, to + 1).reduce((s, n) => s + n, 0)).toBe(w.rows);
        expect(Math.abs(w.rows - target)).toBe(best);
      }),
    );
  });
});

describe("exportTargets", () => {
  it("asks for 1 and 2 million rows at full scale, and a fifth and two fifths of a smaller ledger", () => {
    expect(exportTargets(5_999_323)).toEqual({ rows: [1_000_000, 2_000_000], scaled: false });
    expect(exportTargets(300_000)).toEqual({ rows: [60_000, 120_000], scaled: true });
  });
});
