import { createHash } from "node:crypto";

/**
 * The canonical JSON every Assent hash is taken over (docs/ledger.md): object keys sorted by UTF-16 code units, no
 * whitespace, members whose value is absent left out (null stays), strings escaped as JSON.stringify does, numbers
 * only as safe integers. Written here from the documented rules, not copied from Assent's code.
 */
export function canonical(value) {
  if (value === null || typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new TypeError(`${value} is not a safe integer`);
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value !== "object") throw new TypeError(`a ${typeof value} has no canonical JSON`);
  const keys = Object.keys(value)
    .filter((k) => value[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
}

export const sha256Hex = (text) => createHash("sha256").update(text, "utf8").digest("hex");
