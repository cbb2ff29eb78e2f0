import { describe, expect, it } from "vitest";
import { exportFilterSchema } from "../exports/filters";
import { decodeCursor, encodeCursor } from "./cursor";
import { contactFilterDateProblems, parseContactFilter } from "./filters";

describe("date filters on the dashboard", () => {
  it.each(["2026-02-30", "2026-13-45", "9999-99-99"])("the contacts filter leaves out %s and names it for the page", (bad) => {
    const params = { from: bad, to: bad, channel: "web" };
    const filter = parseContactFilter(params);
    // Never handed to the query (PostgreSQL answered "date/time field value out of range" with a 500).
    expect(filter.from).toBeUndefined();
    expect(filter.to).toBeUndefined();
    expect(filter.channel).toBe("web");
    expect(contactFilterDateProblems(params)).toEqual([
      { field: "from", code: "invalid_date", message: `From “${bad}” is not a real date (use YYYY-MM-DD, e.g. 2026-01-31); it was not applied.` },
      { field: "to", code: "invalid_date", message: `To “${bad}” is not a real date (use YYYY-MM-DD, e.g. 2026-01-31); it was not applied.` },
    ]);
  });

  it("keeps real days, leap days included", () => {
    const params = { from: "2024-02-29", to: "2026-12-31" };
    expect(parseContactFilter(params)).toMatchObject(params);
    expect(contactFilterDateProblems(params)).toEqual([]);
  });

  it.each(["2026-02-30", "2026-13-45", "9999-99-99"])("the export filter refuses %s naming the field", (bad) => {
    const parsed = exportFilterSchema.safeParse({ from: "2026-01-01", to: bad });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join("."))).toEqual(["to"]);
  });
});

describe("paging cursors", () => {
  const id = "3f2c6a1e-1111-4000-8000-000000000001";
  it("take PostgreSQL's printed timestamps", () => {
    expect(decodeCursor(encodeCursor({ at: "2026-03-01 10:00:00.123456+00", id }))).toEqual({ at: "2026-03-01 10:00:00.123456+00", id });
  });
  it.each(["2026-02-30 10:00:00+00", "2026-13-45 10:00:00+00", "9999-99-99 10:00:00+00", "2026-03-01 25:61:00+00"])(
    "refuse a made-up one with %s (never sent to PostgreSQL)",
    (at) => {
      expect(decodeCursor(encodeCursor({ at, id }))).toBeUndefined();
    },
  );
});
