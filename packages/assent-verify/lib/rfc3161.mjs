import { createHash, verify as verifySignature, X509Certificate } from "node:crypto";
import { bytesOf, childrenOf, DerError, expect, generalizedTimeOf, integerHex, octetsOf, oidOf, readTlv, UNIVERSAL } from "./der.mjs";

const OID = {
  signedData: "1.2.840.113549.1.7.2",
  tstInfo: "1.2.840.113549.1.9.16.1.4",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  sha256: "2.16.840.1.101.3.4.2.1",
  timeStamping: "1.3.6.1.5.5.7.3.8",
};
const DIGESTS = { "1.3.14.3.2.26": "sha1", [OID.sha256]: "sha256", "2.16.840.1.101.3.4.2.2": "sha384", "2.16.840.1.101.3.4.2.3": "sha512" };
/** Signature algorithms node:crypto verifies as (digest, key, DER signature); null: the digest algorithm's. */
const SIGNATURES = {
  "1.2.840.113549.1.1.1": null, // rsaEncryption (PKCS #1 v1.5)
  "1.2.840.113549.1.1.5": "sha1",
  "1.2.840.113549.1.1.11": "sha256",
  "1.2.840.113549.1.1.12": "sha384",
  "1.2.840.113549.1.1.13": "sha512",
  "1.2.840.10045.2.1": null, // id-ecPublicKey
  "1.2.840.10045.4.3.2": "sha256",
  "1.2.840.10045.4.3.3": "sha384",
  "1.2.840.10045.4.3.4": "sha512",
};

/** A token this verifier cannot judge either way (an algorithm it does not implement): bad input, not a fault. */
export class UnsupportedTokenError extends Error {}

const algorithmOf = (node) => oidOf(childrenOf(expect(node, UNIVERSAL.sequence, "an AlgorithmIdentifier"))[0]);
const isContext = (node, tag) => node?.cls === 2 && node.tag === tag;

/** The parts of a TimeStampToken (CMS ContentInfo of SignedData over a TSTInfo) the checks below need. */
function readToken(der) {
  const info = readTlv(der);
  if (info.end !== der.length) throw new DerError("bytes after the token");
  const [type, wrapped] = childrenOf(expect(info, UNIVERSAL.sequence, "a ContentInfo"));
  if (oidOf(type) !== OID.signedData || !isContext(wrapped, 0)) throw new DerError("not CMS SignedData");
  const parts = childrenOf(expect(childrenOf(wrapped)[0], UNIVERSAL.sequence, "SignedData"));
  const [encapType, encapWrapped] = childrenOf(expect(parts[2], UNIVERSAL.sequence, "encapContentInfo"));
  if (oidOf(encapType) !== OID.tstInfo || !isContext(encapWrapped, 0)) throw new DerError("it does not carry a TSTInfo");
  const eContent = octetsOf(childrenOf(encapWrapped)[0]);
  const certificates = parts.filter((p) => isContext(p, 0)).flatMap((p) => childrenOf(p).filter((c) => c.cls === 0 && c.tag === UNIVERSAL.sequence));
  const signerInfos = childrenOf(expect(parts.at(-1), UNIVERSAL.set, "signerInfos"));
  if (signerInfos.length !== 1) throw new DerError(`${signerInfos.length} signers, expected 1`);
  const s = childrenOf(expect(signerInfos[0], UNIVERSAL.sequence, "a SignerInfo"));
  const attrsAt = isContext(s[3], 0) ? 3 : -1;
  const rest = s.slice(attrsAt === 3 ? 4 : 3);
  const tst = childrenOf(expect(readTlv(eContent), UNIVERSAL.sequence, "a TSTInfo"));
  const [imprintAlgorithm, imprint] = childrenOf(expect(tst[2], UNIVERSAL.sequence, "a messageImprint"));
  return {
    eContent,
    certificates: certificates.map((c) => new X509Certificate(Buffer.from(bytesOf(c)))),
    digestAlgorithm: algorithmOf(s[2]),
    signedAttrs: attrsAt === 3 ? s[3] : null,
    signatureAlgorithm: algorithmOf(rest[0]),
    signature: octetsOf(rest[1]),
    imprintAlgorithm: algorithmOf(imprintAlgorithm),
    imprintHex: octetsOf(imprint).toString("hex"),
    serial: integerHex(tst[3]),
    genTime: generalizedTimeOf(tst[4]),
  };
}

/** The signed attributes as { oid: first value node }, and the bytes the signature covers (the SET OF, RFC 5652 5.4). */
function signedAttributes(node) {
  const values = {};
  for (const attr of childrenOf(node)) {
    const [type, set] = childrenOf(expect(attr, UNIVERSAL.sequence, "an Attribute"));
    values[oidOf(type)] = childrenOf(expect(set, UNIVERSAL.set, "attribute values"))[0];
  }
  const signed = Buffer.from(bytesOf(node));
  signed[0] = 0x31;
  return { values, signed };
}

/**
 * Checks an RFC 3161 token against a checkpoint: its messageImprint is SHA-256 with the hashed message equal to the
 * checkpoint's hash; the signed attributes commit to the TSTInfo; the CMS signature verifies with the key of a
 * certificate in the token (or `tsaCert`), which is marked for time stamping and valid at genTime; with `tsaCert`,
 * that certificate is the one given or is issued by it. It does not walk a chain to a trusted root, nor check
 * revocation: compare `signer.sha256` with the authority's published certificate, or run `openssl ts -verify`.
 * A failure says `rewritten` when the token is sound but timestamps another hash: the checkpoint changed since.
 */
export function checkToken(der, checkpointHashHex, options = {}) {
  try {
    return check(der, checkpointHashHex, options);
  } catch (error) {
    if (error instanceof UnsupportedTokenError) throw error;
    return { ok: false, problem: `the token cannot be read (${error.message})` };
  }
}

function check(der, checkpointHashHex, { tsaCert }) {
  let t;
  try {
    t = readToken(der);
  } catch (error) {
    return { ok: false, problem: `the token cannot be read (${error.message})` };
  }
  const fail = (problem) => ({ ok: false, genTime: t.genTime, problem });
  if (t.imprintAlgorithm !== OID.sha256) return fail(`its messageImprint is not SHA-256 (${t.imprintAlgorithm})`);
  if (t.imprintHex !== checkpointHashHex) return { ...fail(`it timestamps ${t.imprintHex}, not the checkpoint's hash ${checkpointHashHex}`), rewritten: true };
  const digest = DIGESTS[t.digestAlgorithm];
  if (!digest) throw new UnsupportedTokenError(`a token uses digest algorithm ${t.digestAlgorithm}, which assent-verify does not implement`);
  if (!(t.signatureAlgorithm in SIGNATURES))
    throw new UnsupportedTokenError(
      `a token uses signature algorithm ${t.signatureAlgorithm}, which assent-verify does not implement (use openssl ts -verify)`,
    );
  let signedBytes = t.eContent;
  if (t.signedAttrs) {
    const attrs = signedAttributes(t.signedAttrs);
    if (!attrs.values[OID.contentType] || oidOf(attrs.values[OID.contentType]) !== OID.tstInfo) return fail("its signed contentType is not TSTInfo");
    const md = attrs.values[OID.messageDigest];
    if (!md || !octetsOf(md).equals(createHash(digest).update(t.eContent).digest())) return fail("its signed messageDigest does not match its TSTInfo");
    signedBytes = attrs.signed;
  }
  const hash = SIGNATURES[t.signatureAlgorithm] ?? digest;
  const candidates = tsaCert ? [...t.certificates, tsaCert] : t.certificates;
  if (candidates.length === 0) return fail("it carries no certificate to check its signature with: give the authority's with --tsa-cert");
  const signer = candidates.find((c) => {
    try {
      return verifySignature(hash, signedBytes, c.publicKey, t.signature);
    } catch {
      return false;
    }
  });
  if (!signer) return fail("its signature does not verify");
  if (!(signer.keyUsage ?? []).includes(OID.timeStamping)) return fail("the certificate that signed it is not marked for time stamping");
  if (t.genTime < new Date(signer.validFrom) || t.genTime > new Date(signer.validTo)) return fail("it was made outside its certificate's validity");
  if (tsaCert && signer.fingerprint256 !== tsaCert.fingerprint256 && !(signer.checkIssued(tsaCert) && signer.verify(tsaCert.publicKey)))
    return fail(`it was signed by "${signer.subject}", which is neither the --tsa-cert certificate nor issued by it`);
  return { ok: true, genTime: t.genTime, serial: t.serial, signer: { subject: signer.subject.replace(/\n/g, ", "), sha256: sha256Of(signer) } };
}

const sha256Of = (cert) => createHash("sha256").update(cert.raw).digest("hex");
