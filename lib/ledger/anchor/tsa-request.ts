import { randomBytes } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { imprintHex, OID, parseDer, readTimestampToken, TimestampTokenError } from "./tsa-token";

const TIMEOUT_MS = 15_000;

/** RFC 3161 TimeStampReq for a SHA-256 digest, with a fresh 64-bit nonce and certReq, so the token carries its certificate. */
export function timestampRequest(digestHex: string): { der: Uint8Array<ArrayBuffer>; nonceHex: string } {
  const nonce = randomBytes(8);
  nonce[0] = (nonce[0]! & 0x7f) | 0x01; // positive, and no leading zero byte to be stripped in the encoding
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256, algorithmParams: new asn1js.Null() }),
      hashedMessage: new asn1js.OctetString({ valueHex: Buffer.from(digestHex, "hex") }),
    }),
    nonce: new asn1js.Integer({ valueHex: nonce }),
    certReq: true,
  });
  return { der: new Uint8Array(request.toSchema().toBER(false)), nonceHex: nonce.toString("hex") };
}

/**
 * Asks the authority at `url` to timestamp `digestHex` (a checkpoint's hash) and returns the TimeStampToken as
 * DER. The answer must be granted and must be for this digest and this request's nonce; anything else throws, and
 * the caller asks again later. The signature is checked by the caller, against the checkpoint, before storing.
 */
export async function requestTimestamp(url: string, digestHex: string): Promise<Buffer> {
  const { der, nonceHex } = timestampRequest(digestHex);
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/timestamp-query", accept: "application/timestamp-reply" },
    body: der,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) throw new TimestampTokenError(`the time-stamping authority answered HTTP ${response.status}`);
  const body = new Uint8Array(await response.arrayBuffer());
  const reply = new pkijs.TimeStampResp({ schema: parseDer(body, "the authority's reply") });
  const status = reply.status.status;
  // 0 granted, 1 granted with modifications; 2 and above are refusals (RFC 3161 §2.4.2).
  if (status > 1 || !reply.timeStampToken) {
    const text = reply.status.statusStrings?.map((s) => s.valueBlock.value).join("; ");
    throw new TimestampTokenError(`the time-stamping authority refused (status ${status}${text ? `: ${text}` : ""})`);
  }
  const token = Buffer.from(reply.timeStampToken.toSchema().toBER(false));
  const { info } = readTimestampToken(token);
  if (imprintHex(info) !== digestHex) throw new TimestampTokenError("the authority timestamped a different digest");
  const answeredNonce = info.nonce ? Buffer.from(info.nonce.valueBlock.valueHexView).toString("hex") : null;
  if (answeredNonce !== nonceHex) throw new TimestampTokenError("the authority's token does not carry this request's nonce");
  return token;
}
