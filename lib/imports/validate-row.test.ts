import { describe, expect, it } from "vitest";
import type { RecordingContext } from "../channels/recording-context";
import { importTemplateCsv } from "./columns";
import { rowIdempotencyKey } from "./commands";
import { parseImportCsv, type CsvRow } from "./parse";
import { validateImportRow } from "./validate-row";

const version = "3f2c6a1e-1111-4000-8000-000000000001";
const context: RecordingContext = {
  defaultCountry: "US",
  categories: new Map([
    ["orders", { label: "Order updates", retired: false }],
    ["offers", { label: "Offers", retired: false }],
    ["old", { label: "Old", retired: true }],
  ]),
  versions: new Map([[version, { id: version, formName: "Counter", version: 2, categoryKeys: ["orders"] }]]),
};
const now = new Date("2026-11-25T12:00:00Z");
const csv = (text: string) => parseImportCsv(new TextEncoder().encode(text));
const row = (values: Record<string, string>): CsvRow => ({
  row: 7,
  values: { phone: "(201) 555-0123", categories: "orders", channel: "paper", occurred_at: "2026-03-01", source: "Fair", ...values },
});
const problems = (values: Record<string, string>) => {
  const checked = validateImportRow(row(values), context, now);
  return checked.ok ? [] : checked.errors.map((e) => `${e.row} ${e.column}: ${e.reason}`);
};

describe("parseImportCsv", () => {
  it("reads headers in any order and case, quoted fields, a BOM, CRLF, and numbers rows as a spreadsheet does", async () => {
    const rows = await csv(
      '\uFEFFPhone,Occurred At,categories,channel,source\r\n"+1 201 555 0123","2026-03-01","orders;offers",paper,"Fair, east gate"\r\n\r\n+12015550124,2026-03-02,orders,web,Site\r\n',
    );
    expect(rows).toEqual([
      { row: 2, values: { phone: "+1 201 555 0123", occurred_at: "2026-03-01", categories: "orders;offers", channel: "paper", source: "Fair, east gate" } },
      { row: 3, values: { phone: "+12015550124", occurred_at: "2026-03-02", categories: "orders", channel: "web", source: "Site" } },
    ]);
  });

  it("refuses a file with missing, unknown or repeated columns, naming them", async () => {
    await expect(csv("phone,categories\n1,orders\n")).rejects.toThrow(/Missing columns: channel, occurred_at, source/);
    await expect(csv("phone,categories,channel,occurred_at,source,colour\n")).rejects.toThrow(/Unknown column: colour/);
    await expect(csv("phone,phone,categories,channel,occurred_at,source\n")).rejects.toThrow(/named twice: phone/);
    await expect(csv("")).rejects.toThrow(/empty/);
    await expect(csv("\r\n\r\n")).rejects.toThrow(/empty/);
    await expect(parseImportCsv(new Uint8Array([0xff, 0xfe, 0x00]))).rejects.toThrow(/UTF-8/);
    await expect(csv('phone,categories,channel,occurred_at,source\n"unclosed,orders,paper,2026-03-01,x\n')).rejects.toThrow(/not valid CSV/);
  });

  it("makes a row with the wrong number of values a bad row", async () => {
    const rows = await csv("phone,categories,channel,occurred_at,source\n+12015550123,orders,paper\n");
    expect(validateImportRow(rows[0]!, context, now)).toEqual({ ok: false, errors: [{ row: 2, column: "(row)", reason: "has 3 values; the header has 5" }] });
  });

  it("parses its own template", async () => {
    const rows = await csv(importTemplateCsv());
    expect(rows).toHaveLength(1);
  });
});

describe("validateImportRow", () => {
  it("normalises a good row", () => {
    const checked = validateImportRow(
      row({ categories: "orders; offers;orders", occurred_at: "2026-03-01T14:05:00+02:00", ip: "203.0.113.7", channel: "In person" }),
      context,
      now,
    );
    expect(checked).toMatchObject({
      ok: true,
      row: { row: 7, phone: "+12015550123", categories: ["orders", "offers"], originalMethod: "in_person", ip: "203.0.113.7" },
    });
    expect(checked.ok && checked.row.occurredAt.toISOString()).toBe("2026-03-01T12:05:00.000Z");
  });

  it.each([
    [{ phone: "" }, "phone"],
    [{ phone: "hello" }, "phone"],
    [{ categories: "" }, "categories: is empty"],
    [{ categories: "orders;raffle" }, 'categories: "raffle" is not a category'],
    [{ categories: "old" }, 'categories: "old" is retired'],
    [{ categories: "offers", form_version_id: version }, 'categories: "offers" is not offered by Counter version 2'],
    [{ form_version_id: "3f2c6a1e-9999-4000-8000-000000000001" }, "form_version_id: is not a published form version of this workspace"],
    [{ form_version_id: "v2" }, "form_version_id: is not a form version id"],
    [{ channel: "fax" }, "channel: must be one of"],
    [{ occurred_at: "01/03/2026" }, "occurred_at: is not a date"],
    [{ occurred_at: "2026-03-01T14:05:00" }, "occurred_at: is not a date"],
    [{ occurred_at: "2026-02-30" }, "occurred_at: is not a real date"],
    [{ occurred_at: "2026-12-01" }, "occurred_at: is in the future"],
    [{ source: "" }, "source: is empty"],
    [{ ip: "300.1.1.1" }, "ip: is not an IP address"],
    [{ page_url: "javascript:alert(1)" }, "page_url: is not an http(s) address"],
    [{ note: "x".repeat(2001) }, "note: is longer than 2000 characters"],
    [{ name: "a\u0000b" }, "name: contains characters that cannot be stored"],
  ])("reports %o with its column and reason", (values, expected) => {
    const found = problems(values);
    expect(
      found.some((p) => p.startsWith(`7 ${expected}`)),
      found.join("\n"),
    ).toBe(true);
  });

  it("reads a number as pasted from a spreadsheet or a phone: dashes, direction marks, no-break spaces, full-width digits", () => {
    for (const phone of ["\u200e+1 201\u2013555\u20130123\u200e", "(201)\u00a0555\u20140123", "\uff0b\uff11\u3000201 555 0123"]) {
      expect(validateImportRow(row({ phone }), context, now)).toMatchObject({ ok: true, row: { phone: "+12015550123" } });
    }
  });

  it("reports every problem of a row, not only the first", () => {
    expect(problems({ phone: "x", channel: "fax", source: "" }).map((p) => p.split(":")[0])).toEqual(["7 phone", "7 channel", "7 source"]);
  });

  it("refuses evidence columns that repeat the row's own number, name or IP: evidence outlives erasure", () => {
    const bad = problems({
      name: "Ana Souza",
      ip: "203.0.113.7",
      source: "Fair, stand of Ana Souza",
      reference: "201-555-0123",
      page_url: "https://x.example/?ip=203.0.113.7",
    });
    expect(bad.map((p) => p.split(":")[0])).toEqual(["7 source", "7 reference", "7 page_url"]);
    expect(bad[0]).toMatch(/kept for good/);
    expect(problems({ name: "Ana Souza", source: "Spring fair", reference: "CRM-10442" })).toEqual([]);
  });
});

describe("rowIdempotencyKey", () => {
  const good = (values: Record<string, string>, position = 7) => {
    const checked = validateImportRow({ ...row(values), row: position } as CsvRow, context, now);
    if (!checked.ok) throw new Error("expected a good row");
    return checked.row;
  };
  it("depends on the workspace and what the row says, not on where it is in the file or how it was written", () => {
    const a = rowIdempotencyKey("ws-1", good({}, 2));
    expect(rowIdempotencyKey("ws-1", good({ phone: "+1 201-555-0123" }, 900))).toBe(a);
    expect(rowIdempotencyKey("ws-2", good({}, 2))).not.toBe(a);
    expect(rowIdempotencyKey("ws-1", good({ occurred_at: "2026-03-02" }))).not.toBe(a);
    expect(a).toMatch(/^import:[0-9a-f]{64}$/);
  });
});
