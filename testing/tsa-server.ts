import { createHash, webcrypto, X509Certificate } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { OID } from "../lib/ledger/anchor/tsa-token";

/**
 * A local RFC 3161 time-stamping authority, the stand-in for a public one (FreeTSA, DigiCert, …): a self-signed
 * ECDSA P-256 certificate with the critical extendedKeyUsage timeStamping, answering an
 * application/timestamp-query POST with an application/timestamp-reply whose token is CMS SignedData over a
 * TSTInfo (echoing the request's messageImprint and nonce), signed with the signing-certificate-v2 attribute
 * RFC 5816 asks for. It can be told to fail, to test that a checkpoint outlives an authority that is down.
 */
export async function startTsaServer() {
  const keys = await webcrypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
  const certificate = await selfSignedTsaCertificate(keys);
  const certDer = new Uint8Array(certificate.toSchema().toBER(false));
  let serial = 1;
  let failing = 0;
  let requests = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests += 1;
      if (failing > 0) {
        failing -= 1;
        res.writeHead(503, { "content-type": "text/plain" }).end("down on purpose");
        return;
      }
      if (req.method !== "POST" || req.headers["content-type"] !== "application/timestamp-query") {
        res.writeHead(415, { "content-type": "text/plain" }).end("send an application/timestamp-query");
        return;
      }
      answer(Buffer.concat(chunks), serial++)
        .then((reply) => res.writeHead(200, { "content-type": "application/timestamp-reply" }).end(reply))
        .catch(() => res.writeHead(400, { "content-type": "text/plain" }).end("bad request"));
    });
  });

  async function answer(body: Buffer, serialNumber: number): Promise<Buffer> {
    const request = new pkijs.TimeStampReq({ schema: asn1js.fromBER(new Uint8Array(body)).result });
    const info = new pkijs.TSTInfo({
      version: 1,
      policy: "1.3.6.1.4.1.99999.3161.1",
      messageImprint: request.messageImprint,
      serialNumber: new asn1js.Integer({ value: serialNumber }),
      genTime: new Date(),
      accuracy: new pkijs.Accuracy({ seconds: 1 }),
      ...(request.nonce ? { nonce: request.nonce } : {}),
    });
    const infoDer = new Uint8Array(info.toSchema().toBER(false));
    const signed = new pkijs.SignedData({
      version: 3,
      encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.tstInfo }),
      signerInfos: [
        new pkijs.SignerInfo({
          version: 1,
          sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
          signedAttrs: new pkijs.SignedAndUnsignedAttributes({
            type: 0,
            attributes: [
              new pkijs.Attribute({ type: "1.2.840.113549.1.9.3", values: [new asn1js.ObjectIdentifier({ value: OID.tstInfo })] }),
              new pkijs.Attribute({ type: "1.2.840.113549.1.9.4", values: [new asn1js.OctetString({ valueHex: sha256(infoDer) })] }),
              // SigningCertificateV2 { certs: [ESSCertIDv2 { certHash }] }, the hash algorithm left at its SHA-256 default.
              new pkijs.Attribute({
                type: "1.2.840.113549.1.9.16.2.47",
                values: [
                  new asn1js.Sequence({
                    value: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: sha256(certDer) })] })] })],
                  }),
                ],
              }),
            ],
          }),
        }),
      ],
      ...(request.certReq ? { certificates: [certificate] } : {}),
    });
    // Set after construction: the constructor would split the content into a constructed (BER) OCTET STRING, and a
    // token is DER, as RFC 3161 authorities send it.
    signed.encapContentInfo.eContent = new asn1js.OctetString({ valueHex: infoDer });
    await signed.sign(keys.privateKey, 0, "SHA-256");
    const token = new pkijs.ContentInfo({ contentType: OID.signedData, content: signed.toSchema(true) });
    const reply = new pkijs.TimeStampResp({ status: new pkijs.PKIStatusInfo({ status: 0 }), timeStampToken: token });
    return Buffer.from(reply.toSchema().toBER(false));
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    /** SHA-256 of the authority's certificate, as checkTimestampToken reports it. */
    certificateSha256: createHash("sha256").update(certDer).digest("hex"),
    /** The authority's certificate as PEM, what an auditor passes to `assent-verify --tsa-cert` or `openssl -CAfile`. */
    certificatePem: new X509Certificate(certDer).toString(),
    /** The next `n` requests are answered 503. */
    failNext: (n: number) => {
      failing = n;
    },
    requests: () => requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function sha256(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(createHash("sha256").update(bytes).digest());
}

async function selfSignedTsaCertificate(keys: CryptoKeyPair): Promise<pkijs.Certificate> {
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ value: Date.now() });
  const name = new pkijs.AttributeTypeAndValue({ type: "2.5.4.3", value: new asn1js.Utf8String({ value: "Assent test TSA" }) });
  cert.issuer.typesAndValues.push(name);
  cert.subject.typesAndValues.push(name);
  cert.notBefore.value = new Date(Date.now() - 86_400_000);
  cert.notAfter.value = new Date(Date.now() + 365 * 86_400_000);
  const usage = new pkijs.ExtKeyUsage({ keyPurposes: [OID.timeStamping] });
  cert.extensions = [new pkijs.Extension({ extnID: OID.extKeyUsage, critical: true, extnValue: usage.toSchema().toBER(false), parsedValue: usage })];
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey);
  await cert.sign(keys.privateKey, "SHA-256");
  return cert;
}
