/**
 * Just enough DER to read an RFC 3161 token: tag, length, content, and the few universal types the token uses.
 * Definite lengths only (DER); anything else is refused with a DerError.
 */
export class DerError extends Error {}

export const UNIVERSAL = { integer: 2, octetString: 4, oid: 6, sequence: 16, set: 17, generalizedTime: 24 };

export function readTlv(buf, offset = 0) {
  let p = offset;
  const byte = () => {
    if (p >= buf.length) throw new DerError("truncated DER");
    return buf[p++];
  };
  const first = byte();
  let tag = first & 0x1f;
  if (tag === 0x1f) {
    tag = 0;
    let b;
    do {
      b = byte();
      tag = tag * 128 + (b & 0x7f);
    } while (b & 0x80);
  }
  let length = byte();
  if (length === 0x80) throw new DerError("indefinite length (BER, not DER)");
  if (length & 0x80) {
    const n = length & 0x7f;
    if (n > 4) throw new DerError("length too long");
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + byte();
  }
  const end = p + length;
  if (end > buf.length) throw new DerError("truncated DER");
  return { buf, cls: first >> 6, constructed: (first & 0x20) !== 0, tag, start: offset, contentStart: p, end };
}

export const bytesOf = (node) => node.buf.subarray(node.start, node.end);
export const contentOf = (node) => node.buf.subarray(node.contentStart, node.end);

export function childrenOf(node) {
  if (!node.constructed) throw new DerError("expected a constructed value");
  const out = [];
  for (let p = node.contentStart; p < node.end; ) {
    const child = readTlv(node.buf, p);
    if (child.end > node.end) throw new DerError("a value runs past its container");
    out.push(child);
    p = child.end;
  }
  return out;
}

export function expect(node, tag, what, cls = 0) {
  if (!node || node.cls !== cls || node.tag !== tag) throw new DerError(`expected ${what}`);
  return node;
}

export function oidOf(node) {
  const c = contentOf(expect(node, UNIVERSAL.oid, "an object identifier"));
  if (c.length === 0) throw new DerError("empty object identifier");
  const arcs = [];
  let value = 0;
  for (const b of c) {
    value = value * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      arcs.push(value);
      value = 0;
    }
  }
  const head = arcs.shift();
  const first = head < 80 ? Math.floor(head / 40) : 2;
  return [first, head - first * 40, ...arcs].join(".");
}

/** An OCTET STRING's bytes, also when sent constructed (in pieces). */
export function octetsOf(node) {
  expect(node, UNIVERSAL.octetString, "an octet string");
  return node.constructed ? Buffer.concat(childrenOf(node).map(octetsOf)) : Buffer.from(contentOf(node));
}

export function integerHex(node) {
  return Buffer.from(contentOf(expect(node, UNIVERSAL.integer, "an integer"))).toString("hex");
}

/** YYYYMMDDHHMMSS[.fff…]Z, as RFC 3161 requires genTime to be written. */
export function generalizedTimeOf(node) {
  const text = Buffer.from(contentOf(expect(node, UNIVERSAL.generalizedTime, "a GeneralizedTime"))).toString("latin1");
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\.\d+)?Z$/.exec(text);
  if (!m) throw new DerError(`"${text}" is not a UTC GeneralizedTime`);
  const ms = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], ms));
}
