import { createHmac } from "node:crypto";
import { parse, stringify } from "node:querystring";
import { sameSecret } from "../../security/digest";

/**
 * Twilio's X-Twilio-Signature: base64 HMAC-SHA1, keyed with the auth token, of the full URL Twilio called
 * followed by every POST parameter sorted by name, each as name then value with nothing between. A name sent more
 * than once has its values sorted too, each distinct value once, as Twilio signs them (the twilio package's
 * getExpectedTwilioSignature; lib/channels/sms/signature.sdk.test.ts holds us to it).
 */
export function twilioSignature(url: string, params: Iterable<[string, string]>, authToken: string): string {
  const values = new Map<string, Set<string>>();
  for (const [k, v] of params) {
    const seen = values.get(k);
    if (seen) seen.add(v);
    else values.set(k, new Set([v]));
  }
  let data = url;
  for (const k of [...values.keys()].sort(byCodeUnits)) {
    for (const v of [...values.get(k)!].sort(byCodeUnits)) data += k + v;
  }
  return createHmac("sha1", authToken).update(data, "utf8").digest("base64");
}

/** Unix-style case-sensitive order, as Twilio sorts names (and JavaScript's default sort does). */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * True when the header is Twilio's signature of this request, for any of the forms of the URL Twilio may have
 * signed (twilioSignedUrls): the one we were told first, so the usual request costs one HMAC.
 */
export function verifyTwilioSignature(url: string, params: Iterable<[string, string]>, header: string | null, authToken: string): boolean {
  if (!header) return false;
  const given = header.trim();
  const pairs = [...params];
  for (const candidate of twilioSignedUrls(url)) {
    if (sameSecret(given, twilioSignature(candidate, pairs, authToken))) return true;
  }
  return false;
}

/**
 * The URL Twilio called, as it signed it: the public address (APP_URL, never the Host header) with the query the
 * request arrived with.
 */
export function twilioCalledUrl(publicUrl: string, requestUrl: string): string {
  return publicUrl + new URL(requestUrl).search;
}

/**
 * The forms of a URL Twilio may have signed, as the twilio package's validateRequest tries them: Twilio signs some
 * HTTPS webhooks with the default port (:443) and some without, so both; then the URL as a parser writes it, and
 * its query re-encoded as Node's legacy querystring does (a query configured with ' arrives parsed as %27).
 */
function* twilioSignedUrls(url: string): Generator<string> {
  const tried = new Set<string>();
  const forms = function* () {
    yield withoutPort(url);
    yield withDefaultPort(url);
    let parsed: string;
    try {
      parsed = new URL(url).toString();
    } catch {
      return;
    }
    for (const u of [withoutPort(parsed), withDefaultPort(parsed)]) {
      yield u;
      yield withLegacyQuery(u);
    }
  };
  for (const form of forms()) {
    if (tried.has(form)) continue;
    tried.add(form);
    yield form;
  }
}

/** scheme://, user info, host (an IPv6 literal in brackets), :port, and the rest, taken apart without parsing. */
const urlParts = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*@)?(\[[^\]/?#]*\]|[^/?#:]*)(:[^/?#]*)?(.*)$/is;

function withoutPort(url: string): string {
  const m = urlParts.exec(url);
  return m ? `${m[1]}${m[2] ?? ""}${m[3]}${m[5]}` : url;
}

function withDefaultPort(url: string): string {
  const m = urlParts.exec(url);
  if (!m || m[4]) return url;
  const port = m[1]!.toLowerCase() === "https://" ? ":443" : ":80";
  return `${m[1]}${m[2] ?? ""}${m[3]}${port}${m[5]}`;
}

function withLegacyQuery(url: string): string {
  const q = url.indexOf("?");
  if (q === -1 || q === url.length - 1) return url;
  return `${url.slice(0, q)}?${stringify(parse(url.slice(q + 1)))}`;
}
