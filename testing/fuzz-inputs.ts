import fc from "fast-check";

/**
 * Hostile values for the fuzz suite (e2e/specs/fuzz.spec.ts): strings that break naive parsing, storage, rendering or
 * headers, JSON of the wrong shape, and bytes that are not UTF-8. Shared by every target so each sees them all.
 */
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const special = fc.constantFrom(
  "\u0000",
  "\u202e",
  "\u200b",
  "\u200d",
  "\ufeff",
  "\r\n",
  "\n",
  "\r",
  "\t",
  "\u2028",
  "\u0085",
  "%",
  "\\",
  '"',
  "'",
  "<",
  "&",
  ";",
  "$",
  "{",
  "}",
);

export const nastyConstants = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff",
  "x\ud83dy",
  "\u202eevil\u202c",
  "مرحبا",
  "\u200b\u200c\u200d",
  "\ufeff+12015550161",
  "+1 201 555 0161\u0000",
  "\r\nSet-Cookie: injected=1",
  "%0d%0aSet-Cookie:%20injected=1",
  "' OR 1=1 --",
  "'; drop table contacts; --",
  "$1",
  "<script>alert(1)</script>",
  "../../../../etc/passwd",
  "%00",
  "%",
  "%E0%A4%A",
  "__proto__",
  "constructor",
  "NaN",
  "Infinity",
  "-0",
  "1e309",
  "9".repeat(400),
  "null",
  "[]",
  "{}",
  "true",
  "😀".repeat(50),
  "e\u0301".repeat(30),
  "ｓｔｏｐ",
  "ﬀ",
];

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...nastyConstants) },
  { weight: 3, arbitrary: fc.string({ unit: fc.oneof(fc.string({ unit: "binary", minLength: 1, maxLength: 1 }), loneSurrogate, special), maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary-ascii", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom("x", "9", "é", "\u0000", "😀"), fc.integer({ min: 1_000, max: 120_000 })).map(([c, n]) => c.repeat(n)) },
);

/** Any JSON value, nested, with hostile strings and keys; sometimes absurdly deep. */
export const nastyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.jsonValue({ maxDepth: 4, stringUnit: "binary" }) },
  { weight: 2, arbitrary: fc.dictionary(nastyString, nastyString, { maxKeys: 5 }) },
  { weight: 2, arbitrary: fc.oneof(nastyString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null)) },
  { weight: 1, arbitrary: fc.array(fc.constant({ a: 1 }), { minLength: 1000, maxLength: 5000 }) },
);

/** JSON text nested deeper than any parser should recurse (built as text: as a value it would overflow the test's own stack). */
export const deepJsonText: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 100, max: 20_000 }), fc.constantFrom("[", '{"a":'))
  .map(([depth, open]) => `${open.repeat(depth)}1${(open === "[" ? "]" : "}").repeat(depth)}`);

/** A value of some other type than `value`'s, for "wrong type" mutations. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(nastyString, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), nastyString, { maxKeys: 3 }),
  fc.constant({ __proto__: { polluted: true } }),
);

/** Bytes that are not valid UTF-8 (overlong forms, lone continuation bytes, surrogates encoded, truncated). */
export const invalidUtf8: fc.Arbitrary<Buffer> = fc
  .tuple(
    fc.constantFrom([0xff], [0xfe, 0xff], [0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0x80], [0xc3], [0xf4, 0x90, 0x80, 0x80], [0x00]),
    fc.string({ maxLength: 20 }),
  )
  .map(([bytes, text]) => Buffer.concat([Buffer.from(text), Buffer.from(bytes), Buffer.from(text)]));

/** Content types a body might wrongly claim. */
export const wrongContentType = fc.constantFrom(
  "text/plain",
  "application/xml",
  "application/x-www-form-urlencoded",
  "multipart/form-data",
  "multipart/form-data; boundary=",
  "application/json; charset=utf-16",
  "application/json; charset=\u00ff",
  "application/octet-stream",
  "*/*",
  "",
  "application/json, text/html",
);

/** Headers that change how a body is decoded, sent with bodies that are not so encoded. */
export const bogusEncodingHeaders = fc.constantFrom<[string, string][]>(
  [["Content-Encoding", "gzip"]],
  [["Content-Encoding", "br"]],
  [["Content-Encoding", "deflate, gzip"]],
  [["Content-Encoding", "identity;q=x"]],
  [["Transfer-Encoding", "gzip"]],
  [],
);

/** A client address per request, so per-network limits do not stop the fuzz before it reaches the parsers. */
export const clientIp = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)).map(([a, b, c]) => `10.${a}.${b}.${c}`);

/** Leaks an error answer must not carry: stack frames, server file paths, SQL and driver errors. */
const leakPatterns: [string, RegExp][] = [
  ["stack frame", /\n\s+at [\w.<>$]+ \(|\bat async\b/],
  ["server path", /\/work\/|node_modules\/|\.next\/server|webpack-internal:|file:\/\//],
  ["SQL", /\bSELECT\b[\s\S]{0,200}\bFROM\b|\bINSERT INTO\b|Failed query|syntax error at|relation "|violates .* constraint|invalid input syntax for/],
  ["driver error", /PostgresError|DrizzleQueryError|PGlite|ECONNREFUSED|ZodError/],
];

/** Names the first kind of internal detail `body` leaks, or null. */
export function leakIn(body: string): string | null {
  for (const [name, pattern] of leakPatterns) if (pattern.test(body)) return name;
  return null;
}
