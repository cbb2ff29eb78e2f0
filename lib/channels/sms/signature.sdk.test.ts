import fc from "fast-check";
import twilio from "twilio";
import { describe, expect, it } from "vitest";
import { signedTwilioRequest } from "../../../testing/twilio";
import { twilioCalledUrl, twilioSignature, verifyTwilioSignature } from "./signature";

/**
 * Our X-Twilio-Signature against Twilio's own Node SDK (the twilio package): what our Twilio stand-in signs, the
 * SDK accepts; what the SDK signs, our webhook accepts; and for any signature and URL the two verifiers agree.
 */
const token = "12345678901234567890123456789012";

/** Names Twilio sends and names that only look alike: a case, a space, a prefix of another, a repeat. */
const name = fc.oneof(
  fc.constantFrom("Body", "body", "Body ", "Body[]", "To", "ToCountry", "T", "oCountry", "From", "From2", "MediaUrl1", "MediaUrl10", "a", "A", ""),
  fc.string({ unit: "grapheme", maxLength: 6 }),
);
const value = fc.oneof(
  fc.constantFrom("", " ", "  two  spaces ", "a+b", "%20", "&=?#", "Olá, ¿qué tal?", "नमस्ते", "😀👍🏽", "e\u0301", "STOP"),
  fc.string({ unit: "grapheme", maxLength: 12 }),
);
/** The body's pairs in the order they are posted; a name may come more than once. */
const pairs = fc.array(fc.tuple(name, value), { maxLength: 10 });

/** The public address (APP_URL) with or without a port, and the webhook's path. */
const publicUrl = fc
  .tuple(
    fc.constantFrom("https://", "http://"),
    fc.constantFrom("assent.example.com", "localhost", "[::1]"),
    fc.constantFrom("", ":443", ":80", ":3000", ":8443"),
    fc.constantFrom("acme", "caf%C3%A9", "a-b_c"),
  )
  .map(([scheme, host, port, slug]) => `${scheme}${host}${port}/api/webhooks/sms/${slug}`);

/** A query configured on the webhook, written as a URL's query is written (or none). */
const query = fc.oneof(
  fc.constant(""),
  fc
    .array(fc.tuple(fc.string({ unit: "grapheme", minLength: 1, maxLength: 5 }), fc.string({ unit: "grapheme", maxLength: 8 })), { minLength: 1, maxLength: 3 })
    .chain((q) =>
      fc.constantFrom(`?${new URLSearchParams(q).toString()}`, `?${q.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&")}`),
    ),
  fc.constantFrom("?foo=1&bar=2", "?b=2&a=1", "?flag", "?q=it's", "?empty="),
);

/** The parameters as the SDK takes them (an Express body): a name sent more than once holds its values. */
function sdkParams(list: [string, string][]): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = Object.create(null);
  for (const [k, v] of list) {
    const had = Object.hasOwn(params, k) ? params[k]! : undefined;
    params[k] = had === undefined ? v : [...(Array.isArray(had) ? had : [had]), v];
  }
  return params;
}

/** The body as our webhook reads it: posted form-encoded, parsed back. */
const received = (list: [string, string][]) => [...new URLSearchParams(new URLSearchParams(list).toString())];

/**
 * The forms of a URL Twilio may sign: as configured, without its port, and with the default port when it has none
 * (or has that one). Twilio signs some HTTPS webhooks with :443 and some without.
 */
function portForms(url: string): string[] {
  const m = /^(\w+:\/\/(?:\[[^\]]*\]|[^/:]*))(:\d+)?(.*)$/.exec(url)!;
  const standard = m[1]!.startsWith("https") ? ":443" : ":80";
  const forms = [url, m[1]! + m[3]!];
  if (!m[2] || m[2] === standard) forms.push(m[1]! + standard + m[3]!);
  return forms;
}

describe("X-Twilio-Signature against the twilio package", () => {
  it("a request our stand-in signs is valid to twilio.validateRequest", async () => {
    await fc.assert(
      fc.asyncProperty(publicUrl, query, pairs, async (base, q, list) => {
        const request = signedTwilioRequest(base + q, Object.fromEntries(list), token, { requestUrl: `http://10.0.0.5:3000/api/webhooks/sms/x${q}` });
        const body = [...new URLSearchParams(await request.text())];
        const signature = request.headers.get("x-twilio-signature")!;
        expect(twilio.validateRequest(token, signature, base + q, sdkParams(body))).toBe(true);
        expect(signature).toBe(twilio.getExpectedTwilioSignature(token, base + q, sdkParams(body)));
      }),
    );
  });

  it("a signature the SDK makes (with the port or without) is accepted by our webhook's check", async () => {
    await fc.assert(
      fc.asyncProperty(publicUrl, query, pairs, fc.nat(2), async (base, q, list, form) => {
        // Twilio signs the URL it was configured with, with or without the port, and posts to it; the request lands
        // on an internal address behind the proxy, with the query as the server's URL parser reads it.
        const forms = portForms(base + q);
        const signedUrl = forms[form % forms.length]!;
        const signature = twilio.getExpectedTwilioSignature(token, signedUrl, sdkParams(list));
        const request = new Request(`http://10.0.0.5:3000/api/webhooks/sms/x${q}`, { method: "POST", body: new URLSearchParams(list).toString() });
        const url = twilioCalledUrl(base, request.url);
        const params = [...new URLSearchParams(await request.text())];
        const ours = verifyTwilioSignature(url, params, signature, token);
        expect(ours).toBe(twilio.validateRequest(token, signature, url, sdkParams(params)));
        // A query the URL parser leaves as it is arrives as it was signed. One it rewrites (' as %27) is found again
        // through the legacy encoding, as the SDK finds it; "?q=it's" below.
        if (new URL(request.url).search === q) expect(ours).toBe(true);
      }),
    );
  });

  it("for any signature, URL and parameters, our check and the SDK's agree; a changed value is refused by both", () => {
    fc.assert(
      fc.property(publicUrl, query, pairs, fc.nat(2), fc.string({ unit: "grapheme", minLength: 1, maxLength: 3 }), (base, q, list, form, extra) => {
        const url = base + q;
        const params = received(list);
        const forms = portForms(url);
        const signature = twilio.getExpectedTwilioSignature(token, forms[form % forms.length]!, sdkParams(params));
        const ours = verifyTwilioSignature(url, params, signature, token);
        expect(ours).toBe(twilio.validateRequest(token, signature, url, sdkParams(params)));
        // Our signature over what arrived is the SDK's over the same.
        expect(twilioSignature(url, params, token)).toBe(twilio.getExpectedTwilioSignature(token, url, sdkParams(params)));
        // A value changed on the way (a name sent once, so the change cannot be a repeat of another value).
        const once = params.findIndex(([k]) => params.filter(([other]) => other === k).length === 1);
        if (once === -1) return;
        const tampered = params.map(([k, v], i): [string, string] => (i === once ? [k, v + extra] : [k, v]));
        expect(verifyTwilioSignature(url, tampered, signature, token)).toBe(false);
        expect(twilio.validateRequest(token, signature, url, sdkParams(tampered))).toBe(false);
      }),
    );
  });

  it("repeated names are signed with their values sorted, as Twilio signs them", () => {
    // Conversations webhooks post MessagingBinding.Address once per participant, in no set order (twilio-node #722).
    const url = "https://assent.example.com/api/webhooks/sms/acme";
    const signature = twilio.getExpectedTwilioSignature(token, url, { "MessagingBinding.Address": ["+18550000000", "+18330000000"], Body: "hi" });
    for (const order of [
      ["+18550000000", "+18330000000"],
      ["+18330000000", "+18550000000"],
    ]) {
      const params: [string, string][] = [["Body", "hi"], ...order.map((a): [string, string] => ["MessagingBinding.Address", a])];
      expect(verifyTwilioSignature(url, params, signature, token)).toBe(true);
    }
    expect(verifyTwilioSignature(url, [["Body", "hi"]], signature, token)).toBe(false);
  });

  it("accepts a query configured with ', which arrives as %27", async () => {
    const base = "https://assent.example.com/api/webhooks/sms/acme";
    const signature = twilio.getExpectedTwilioSignature(token, `${base}?q=it's`, { Body: "STOP" });
    const url = twilioCalledUrl(base, new Request(`http://10.0.0.5:3000/api/webhooks/sms/acme?q=it's`).url);
    expect(url).toBe(`${base}?q=it%27s`);
    expect(verifyTwilioSignature(url, [["Body", "STOP"]], signature, token)).toBe(true);
    expect(twilio.validateRequest(token, signature, url, { Body: "STOP" })).toBe(true);
  });

  it("accepts Twilio's signature of an HTTPS address with :443 when the address is configured without it, and the reverse", () => {
    const params: [string, string][] = [["Body", "STOP"]];
    const without = "https://assent.example.com/api/webhooks/sms/acme";
    const withPort = "https://assent.example.com:443/api/webhooks/sms/acme";
    expect(verifyTwilioSignature(without, params, twilio.getExpectedTwilioSignature(token, withPort, { Body: "STOP" }), token)).toBe(true);
    expect(verifyTwilioSignature(withPort, params, twilio.getExpectedTwilioSignature(token, without, { Body: "STOP" }), token)).toBe(true);
    // Another host is another URL, port or not.
    expect(
      verifyTwilioSignature(
        without,
        params,
        twilio.getExpectedTwilioSignature(token, "https://evil.example:443/api/webhooks/sms/acme", { Body: "STOP" }),
        token,
      ),
    ).toBe(false);
  });
});
