import { createHash } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";

/** Object identifiers RFC 3161 and RFC 5652 name; kept here so the checks below read as the RFCs do. */
export const OID = {
  sha256: "2.16.840.1.101.3.4.2.1",
  signedData: "1.2.840.113549.1.7.2",
  tstInfo: "1.2.840.113549.1.9.16.1.4",
  extKeyUsage: "2.5.29.37",
  timeStamping: "1.3.6.1.5.5.7.3.8",
} as const;

export type TokenCheck =
  | { ok: true; genTime: Date; serial: string; tsaCertificate: { subject: string; sha256: string } }
  | { ok: false; problem: string; genTime?: Date };

export class TimestampTokenError extends Error {}

export function parseDer(bytes: Uint8Array, what: string) {
  const parsed = asn1js.fromBER(new Uint8Array(bytes));
  if (parsed.offset === -1) throw new TimestampTokenError(`${what} is not valid DER`);
  return parsed.result;
}

/** The SignedData and TSTInfo inside a TimeStampToken (a CMS ContentInfo), or a TimestampTokenError. */
export function readTimestampToken(token: Uint8Array): { signed: pkijs.SignedData; info: pkijs.TSTInfo } {
  try {
    const content = new pkijs.ContentInfo({ schema: parseDer(token, "the token") });
    if (content.contentType !== OID.signedData) throw new TimestampTokenError("the token is not CMS SignedData");
    const signed = new pkijs.SignedData({ schema: content.content });
    const eContent = signed.encapContentInfo.eContent;
    if (signed.encapContentInfo.eContentType !== OID.tstInfo || !eContent) throw new TimestampTokenError("the token does not carry a TSTInfo");
    const info = new pkijs.TSTInfo({ schema: parseDer(new Uint8Array(eContent.getValue()), "the TSTInfo") });
    return { signed, info };
  } catch (error) {
    if (error instanceof TimestampTokenError) throw error;
    throw new TimestampTokenError(`the token cannot be read: ${(error as Error).message}`);
  }
}

const hex = (bytes: ArrayBuffer | Uint8Array) => Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).toString("hex");

export function imprintHex(info: pkijs.TSTInfo): string {
  return hex(info.messageImprint.hashedMessage.valueBlock.valueHexView);
}

function subjectOf(cert: pkijs.Certificate): string {
  return cert.subject.typesAndValues.map((tv) => `${tv.type === "2.5.4.3" ? "CN" : tv.type}=${tv.value.valueBlock.value}`).join(", ");
}

function hasTimeStampingPurpose(cert: pkijs.Certificate): boolean {
  const ext = cert.extensions?.find((e) => e.extnID === OID.extKeyUsage);
  const purposes = (ext?.parsedValue as pkijs.ExtKeyUsage | undefined)?.keyPurposes ?? [];
  return purposes.includes(OID.timeStamping);
}

/**
 * Checks a TimeStampToken against the document it should timestamp (a checkpoint's canonical JSON): the
 * messageImprint is SHA-256 of that document, i.e. the checkpoint's hash; the CMS signature verifies against the
 * certificate in the token, which is marked for time stamping. Whether that certificate is the authority's is a
 * question of trust the token cannot answer: its SHA-256 fingerprint is returned to compare with the authority's.
 */
export async function checkTimestampToken(token: Uint8Array, document: string, expectedHashHex: string): Promise<TokenCheck> {
  let parsed;
  try {
    parsed = readTimestampToken(token);
  } catch (error) {
    return { ok: false, problem: (error as Error).message };
  }
  const { signed, info } = parsed;
  const genTime = info.genTime;
  if (info.messageImprint.hashAlgorithm.algorithmId !== OID.sha256) return { ok: false, genTime, problem: "the token's messageImprint is not SHA-256" };
  if (imprintHex(info) !== expectedHashHex) return { ok: false, genTime, problem: `the token timestamps ${imprintHex(info)}, not this checkpoint's hash` };
  try {
    const result = await signed.verify({ signer: 0, data: new TextEncoder().encode(document).buffer as ArrayBuffer, checkChain: false, extendedMode: true });
    if (!result.signatureVerified || !result.signerCertificate) return { ok: false, genTime, problem: "the token's signature does not verify" };
    if (!hasTimeStampingPurpose(result.signerCertificate)) return { ok: false, genTime, problem: "the token's certificate is not marked for time stamping" };
    const der = result.signerCertificate.toSchema().toBER(false);
    return {
      ok: true,
      genTime,
      serial: hex(info.serialNumber.valueBlock.valueHexView),
      tsaCertificate: { subject: subjectOf(result.signerCertificate), sha256: createHash("sha256").update(new Uint8Array(der)).digest("hex") },
    };
  } catch (error) {
    return { ok: false, genTime, problem: `the token's signature does not verify: ${(error as Error).message}` };
  }
}
