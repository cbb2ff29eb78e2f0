#!/usr/bin/env node
// assent-verify: checks an Assent ledger proof export with Node's built-ins alone, no Assent code, no database.
// Usage: assent-verify <export.jsonl | -> [--anchors <kept.jsonl>] [--tsa-cert <tsa.pem>] [--json]
// Exit: 0 everything verifies, 1 a fault (the first is named), 2 bad input (usage, unreadable or malformed file).
import { X509Certificate } from "node:crypto";
import { createReadStream, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { InputError, parseKeptHeads, ProofChecker } from "./lib/check-proof.mjs";
import { UnsupportedTokenError } from "./lib/rfc3161.mjs";

const USAGE = "usage: assent-verify <export.jsonl | -> [--anchors <kept-checkpoints.jsonl>] [--tsa-cert <tsa.pem>] [--json]";

async function main(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { anchors: { type: "string" }, "tsa-cert": { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new InputError(USAGE);
  const read = (path, what) => {
    try {
      return readFileSync(path, "utf8");
    } catch (error) {
      throw new InputError(`cannot read ${what} ${path} (${error.code ?? error.message})`);
    }
  };
  let tsaCert;
  if (values["tsa-cert"]) {
    try {
      tsaCert = new X509Certificate(read(values["tsa-cert"], "the authority's certificate"));
    } catch (error) {
      throw error instanceof InputError ? error : new InputError(`--tsa-cert: not a PEM certificate (${error.message})`);
    }
  }
  const kept = values.anchors ? parseKeptHeads(read(values.anchors, "the kept heads")) : null;

  const checker = new ProofChecker({ tsaCert });
  const input = positionals[0] === "-" ? process.stdin : createReadStream(positionals[0]);
  const opened = new Promise((resolve, reject) => {
    input.once("error", (error) => reject(new InputError(`cannot read ${positionals[0]} (${error.code ?? error.message})`)));
    input.once("readable", resolve);
    input.once("end", resolve);
  });
  await opened;
  let n = 0;
  for await (const text of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
    n += 1;
    if (text.trim() === "") continue;
    let item;
    try {
      item = JSON.parse(text);
    } catch {
      throw new InputError(`line ${n}: not JSON`);
    }
    checker.line(item, n);
  }
  checker.finish();
  if (kept) checker.keptHeads(kept);
  const result = checker.result();
  process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : report(result, Boolean(kept)));
  return result.ok ? 0 : 1;
}

function report(r, withKept) {
  const c = r.checked;
  const lines = [
    `Ledger proof of workspace ${r.workspaceId}${r.workspaceSlug ? ` (${r.workspaceSlug})` : ""}, exported ${r.exportedAt ?? "(no time)"}.`,
    "Checked:",
    `  events           ${c.events}: each hash recomputed over its fields`,
    `  contacts         ${c.contacts}: each chain, seq 1, 2, … with prevHash linking to the previous event`,
    `  checkpoints      ${c.checkpoints}: chain, range, event count, digest of the sealed events, hash`,
    `  RFC 3161 tokens  ${c.tokensVerified} of ${c.tokens} verify: imprint = checkpoint hash, CMS signature, certificate marked for time stamping`,
  ];
  for (const s of r.tsaCertificates) lines.push(`                   signed by ${s.subject}, certificate SHA-256 ${s.sha256}`);
  if (withKept) {
    const other = c.keptHeadsOtherWorkspace ? ` (${c.keptHeadsOtherWorkspace} of other workspaces skipped)` : "";
    lines.push(`  kept heads       ${c.keptHeadsMatching} of ${c.keptHeads} match${other}`);
  }
  lines.push(`  unsealed events  ${c.unsealedEvents}: after the last checkpoint, nothing outside the ledger commits to them yet`);
  if (r.ok) lines.push("OK: every event, chain, checkpoint and anchor verifies.");
  else {
    lines.push(`FAULT: ${r.faults[0].message}`);
    if (r.faults.length > 1) lines.push(`  and ${r.faults.length - 1} more:`, ...r.faults.slice(1, 20).map((f) => `  - ${f.message}`));
    if (r.faults.length > 20) lines.push(`  … (${r.faults.length - 20} more; --json lists them all)`);
  }
  return `${lines.join("\n")}\n`;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    const known = error instanceof InputError || error instanceof UnsupportedTokenError || error?.code?.startsWith?.("ERR_PARSE_ARGS");
    process.stderr.write(known ? `assent-verify: ${error.message}\n` : `assent-verify: unexpected error: ${error?.stack ?? error}\n`);
    process.exitCode = 2;
  },
);
