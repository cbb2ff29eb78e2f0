import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTsaServer } from "../../../testing/tsa-server";
import { requestTimestamp } from "./tsa-request";
import { checkTimestampToken, readTimestampToken } from "./tsa-token";

const document = '{"seq":1,"v":1}';
const digest = createHash("sha256").update(document).digest("hex");
const hasOpenssl = spawnSync("openssl", ["version"]).status === 0;

describe("RFC 3161 time stamps against a local authority", () => {
  let tsa: Awaited<ReturnType<typeof startTsaServer>>;
  beforeAll(async () => {
    tsa = await startTsaServer();
  });
  afterAll(() => tsa?.close());

  it("gets a token whose imprint is the digest, whose signature verifies and whose genTime is reported", async () => {
    const token = await requestTimestamp(tsa.url, digest);
    const check = await checkTimestampToken(token, document, digest);
    expect(check).toMatchObject({ ok: true, tsaCertificate: { subject: "CN=Assent test TSA", sha256: tsa.certificateSha256 } });
    expect(check.ok && check.genTime).toBeInstanceOf(Date);
  });

  it("refuses a token for another document, and one whose signed content was altered", async () => {
    const token = await requestTimestamp(tsa.url, digest);
    const other = '{"seq":2,"v":1}';
    expect(await checkTimestampToken(token, other, createHash("sha256").update(other).digest("hex"))).toMatchObject({
      ok: false,
      problem: expect.stringContaining("not this checkpoint's hash"),
    });
    // Flip one byte of the genTime inside the signed TSTInfo: the token still parses, the signature no longer holds.
    const { info } = readTimestampToken(token);
    const genTime = Buffer.from(info.genTime.toISOString().slice(0, 4));
    const at = token.indexOf(genTime);
    expect(at).toBeGreaterThan(0);
    const altered = Buffer.from(token);
    altered[at + 3] = altered[at + 3] === 0x39 ? 0x38 : altered[at + 3]! + 1;
    expect(await checkTimestampToken(altered, document, digest)).toMatchObject({ ok: false, problem: expect.stringContaining("signature") });
  });

  // A second, independent implementation of RFC 3161 (the one docs/ledger.md tells an auditor to use) accepts the
  // local authority's tokens: the stand-in follows the format, not just what pkijs reads back.
  it.runIf(hasOpenssl)("issues tokens that openssl ts -verify accepts for the document, and refuses for another", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "assent-tsa-"));
    try {
      writeFileSync(path.join(dir, "token.tsr"), await requestTimestamp(tsa.url, digest));
      writeFileSync(path.join(dir, "checkpoint.json"), document);
      writeFileSync(path.join(dir, "other.json"), `${document} `);
      execFileSync("openssl", ["pkcs7", "-inform", "DER", "-in", "token.tsr", "-print_certs", "-out", "tsa.pem"], { cwd: dir });
      const verify = (data: string) =>
        spawnSync("openssl", ["ts", "-verify", "-data", data, "-in", "token.tsr", "-token_in", "-CAfile", "tsa.pem"], { cwd: dir, encoding: "utf8" });
      expect(verify("checkpoint.json").stdout).toContain("Verification: OK");
      expect(verify("other.json").status).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("throws when the authority is down, so the caller can ask again", async () => {
    tsa.failNext(1);
    await expect(requestTimestamp(tsa.url, digest)).rejects.toThrow("HTTP 503");
    await expect(requestTimestamp(tsa.url, digest)).resolves.toBeInstanceOf(Buffer);
  });
});
