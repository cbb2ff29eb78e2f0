import fc from "fast-check";
import { metaSignature } from "../lib/channels/whatsapp/signature";
import { twilioSignature } from "../lib/channels/sms/signature";
import type { AttackSeed } from "./attack-seed-data";
import { attackSecrets } from "./attack-seed-data";
import { bogusEncodingHeaders, clientIp, deepJsonText, invalidUtf8, nastyJson, nastyString, wrongContentType, wrongType } from "./fuzz-inputs";
import { newMessageSid, smsParams } from "./twilio";
import { buttonReply, failedStatus, qualityUpdate, textMessage, userPreference } from "./meta-cloud";
import type { RawRequest } from "./raw-http";

/**
 * Malformed requests for each surface the fuzz suite attacks. Every request here must be refused or ignored:
 * each carries at least one defect the app has to reject (an invalid field, a bad signature, a wrong token), so
 * no consent may be recorded by any of them. The inbound webhooks may remember a signed message id they ignored.
 */
export type FuzzRequest = RawRequest & { label: string };

/** Percent-encodes the UTF-8 bytes of any string (encodeURIComponent throws on lone surrogates). */
export function percentEncode(value: string): string {
  return [...Buffer.from(value, "utf8")]
    .map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, "0")}`))
    .join("");
}

/** A query or path value: usually well encoded, sometimes raw broken escapes. */
const urlPart = fc.oneof(
  { weight: 4, arbitrary: nastyString.map(percentEncode) },
  { weight: 1, arbitrary: fc.constantFrom("%", "%zz", "%E0%A4%A", "%00", "%0d%0a", "%C0%AF", "..%2F..%2F", "a%2Fb") },
);

/** Strings no keyword, code or phone can be: at least one character that is neither a letter nor a digit, and not only letters and spaces. */
const notAKeyword = nastyString.filter((s) => !/^[\p{L}\p{M}\s_:-]*$/u.test(s.trim()) && !/^\+?[\d\s().-]{6,}$/.test(s));
/** Never a phone number: no digits at all (nor letters, which vanity numbers turn into digits). */
const notAPhone = nastyString.filter((s) => !/[\p{L}\p{N}]/u.test(s));

const headerVariants = fc.tuple(fc.option(wrongContentType, { nil: undefined }), bogusEncodingHeaders, clientIp);

function withHeaders(
  base: [string, string | Buffer][],
  ct: string | undefined,
  extra: [string, string][],
  ip: string,
  defaultType: string,
): [string, string | Buffer][] {
  return [["Content-Type", ct ?? defaultType], ["X-Forwarded-For", ip], ...extra, ...base];
}

// ---------------------------------------------------------------------------------------------------- API v1

const validConsent = { phone: "+12015550199", categories: ["orders"], action: "opt_in", channel: "api", evidence: { system: "fuzz" } };

/** A consent body with at least one defect the API must refuse, plus random noise elsewhere. */
const brokenConsent: fc.Arbitrary<unknown> = fc
  .tuple(
    fc.oneof(
      fc.constantFrom("phone", "categories", "action", "channel").map((key) => (body: Record<string, unknown>) => void delete body[key]),
      fc.oneof(wrongType, notAPhone).map((v) => (body: Record<string, unknown>) => {
        body.phone = v;
      }),
      wrongType
        .filter((v) => !Array.isArray(v))
        .map((v) => (body: Record<string, unknown>) => {
          body.categories = v;
        }),
      fc
        .array(
          nastyString.map((s) => `x-${s}`),
          { minLength: 1, maxLength: 3 },
        )
        .map((v) => (body: Record<string, unknown>) => {
          body.categories = v;
        }),
      fc
        .oneof(nastyString, wrongType)
        .filter((v) => !["opt_in", "opt_out", "confirm"].includes(v as string))
        .map((v) => (body: Record<string, unknown>) => {
          body.action = v;
        }),
      fc
        .oneof(fc.constantFrom("web", "sms", "whatsapp", "staff"), nastyString, wrongType)
        .filter((v) => !["api", "import", "paper", "ivr"].includes(v as string))
        .map((v) => (body: Record<string, unknown>) => {
          body.channel = v;
        }),
    ),
    fc.dictionary(fc.constantFrom("evidence", "occurredAt", "name", "formVersionId", "language", "__proto__", "extra", "network"), nastyJson, { maxKeys: 3 }),
  )
  .map(([breakIt, noise]) => {
    const body: Record<string, unknown> = { ...validConsent, ...noise };
    breakIt(body);
    return body;
  });

export function apiRequests(seed: AttackSeed): fc.Arbitrary<FuzzRequest> {
  const auth = fc.oneof(
    { weight: 6, arbitrary: fc.constant<[string, string][]>([["Authorization", `Bearer ${seed.a.apiKey}`]]) },
    { weight: 1, arbitrary: fc.constant<[string, string][]>([]) },
    { weight: 1, arbitrary: nastyString.map((s): [string, string][] => [["Authorization", `Bearer ${s.replace(/[\r\n\0]/g, "")}`]]) },
    {
      weight: 1,
      arbitrary: fc.constant<[string, string][]>([
        ["Authorization", `Bearer ${seed.a.apiKey}`],
        ["Authorization", "Bearer ask_xxx"],
      ]),
    },
  );
  const idempotency = fc.oneof(
    fc.uuid().map((u): [string, string][] => [["Idempotency-Key", u]]),
    nastyString.map((s): [string, string][] => [["Idempotency-Key", s.replace(/[\r\n\0]/g, "")]]),
    fc.constant<[string, string][]>([]),
  );
  const body = fc.oneof(
    { weight: 5, arbitrary: brokenConsent.map((b) => Buffer.from(JSON.stringify(b) ?? "")) },
    { weight: 1, arbitrary: nastyJson.map((b) => Buffer.from(JSON.stringify(b) ?? "")) },
    { weight: 1, arbitrary: invalidUtf8 },
    { weight: 1, arbitrary: fc.oneof(deepJsonText, fc.constantFrom("{", '{"phone":', "[1,2", "\u0000", "", '{"a":1}{"b":2}')).map((s) => Buffer.from(s)) },
  );
  const postConsent = fc.tuple(auth, idempotency, body, headerVariants).map(
    ([a, i, b, [ct, enc, ip]]): FuzzRequest => ({
      label: "POST /api/v1/consents",
      method: "POST",
      path: "/api/v1/consents",
      headers: withHeaders([...a, ...i], ct, enc, ip, "application/json"),
      body: b,
    }),
  );
  const bulk = fc
    .tuple(
      auth,
      fc.oneof(
        fc.record({ category: fc.oneof(nastyString, wrongType), phones: fc.oneof(fc.array(fc.oneof(nastyString, wrongType), { maxLength: 20 }), wrongType) }),
        nastyJson,
      ),
      headerVariants,
    )
    .map(
      ([a, b, [ct, enc, ip]]): FuzzRequest => ({
        label: "POST /api/v1/consent-checks",
        method: "POST",
        path: "/api/v1/consent-checks",
        headers: withHeaders(a, ct, enc, ip, "application/json"),
        body: JSON.stringify(b) ?? "",
      }),
    );
  const reads = fc
    .tuple(auth, clientIp, fc.constantFrom("consent-checks", "contacts", "events", "exports", "verify"), urlPart, urlPart, urlPart)
    .map(([a, ip, which, x, y, z]): FuzzRequest => {
      const path = {
        "consent-checks": `/api/v1/consent-checks?phone=${x}&category=${y}&phone=${z}`,
        contacts: `/api/v1/contacts/${x}?${y}=${z}`,
        events: `/api/v1/events?cursor=${x}&limit=${y}&action=${z}&category=${x}`,
        exports: `/api/v1/exports/events?format=${x}&from=${y}&to=${z}`,
        verify: `/api/v1/ledger/verify?${x}=${y}`,
      }[which];
      return { label: `GET ${path.split("?")[0]}`, method: "GET", path, headers: [["X-Forwarded-For", ip], ...a] };
    });
  return fc.oneof({ weight: 4, arbitrary: postConsent }, { weight: 2, arbitrary: bulk }, { weight: 3, arbitrary: reads });
}

// ------------------------------------------------------------------------------------------ WhatsApp webhook

/** Meta's documented payloads, mangled: a field of the wrong type, a hostile value, a missing part. */
const mangledNotification: fc.Arbitrary<unknown> = fc
  .tuple(
    fc.constantFrom("text", "button", "status", "preference", "quality"),
    notAKeyword,
    notAPhone,
    fc.oneof(nastyString, wrongType),
    fc.constantFrom("entry", "changes", "value", "messages", "metadata", "from", "id", "type", "none"),
  )
  .map(([kind, text, from, junk, target]) => {
    const sender = "+12015550199";
    const payload: any =
      kind === "text"
        ? textMessage(sender, text)
        : kind === "button"
          ? buttonReply(sender, text, text)
          : kind === "status"
            ? failedStatus(sender)
            : kind === "preference"
              ? userPreference(sender, "stop")
              : qualityUpdate(text, text);
    const value = payload.entry[0].changes[0].value;
    // Whoever the message says it is from, it is no phone number: nothing can be recorded for it.
    for (const m of value.messages ?? []) m.from = from;
    for (const s of value.statuses ?? []) s.recipient_id = from;
    for (const p of value.user_preferences ?? []) p.wa_id = from;
    for (const c of value.contacts ?? []) c.wa_id = from;
    if (target === "entry") payload.entry = junk;
    else if (target === "changes") payload.entry[0].changes = junk;
    else if (target === "value") payload.entry[0].changes[0].value = junk;
    else if (target === "messages" && value.messages) value.messages = junk;
    else if (target === "metadata") value.metadata = junk;
    else if (target === "from" && value.messages) value.messages[0].from = junk;
    else if (target === "id" && value.messages) value.messages[0].id = junk;
    else if (target === "type" && value.messages) value.messages[0].type = junk;
    return payload;
  });

export function whatsappRequests(seed: AttackSeed): fc.Arbitrary<FuzzRequest> {
  const body = fc.oneof(
    { weight: 5, arbitrary: mangledNotification.map((p) => Buffer.from(JSON.stringify(p))) },
    { weight: 2, arbitrary: nastyJson.map((p) => Buffer.from(JSON.stringify(p) ?? "")) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        invalidUtf8,
        deepJsonText.map((s) => Buffer.from(s)),
      ),
    },
  );
  const signature = fc.oneof(
    { weight: 5, arbitrary: fc.constant("valid") },
    { weight: 1, arbitrary: fc.constant("none") },
    { weight: 1, arbitrary: fc.oneof(nastyString, fc.constant("sha256=00"), fc.constant("sha1=abc")).map((s) => s.replace(/[\r\n\0]/g, "")) },
  );
  const workspace = fc.oneof(
    { weight: 6, arbitrary: fc.constant(seed.a.slug) },
    { weight: 1, arbitrary: fc.constant(seed.b.slug) },
    { weight: 1, arbitrary: urlPart },
  );
  const post = fc.tuple(body, signature, workspace, headerVariants).map(([b, sig, ws, [ct, enc, ip]]): FuzzRequest => {
    const headers: [string, string][] = [];
    if (sig === "valid") headers.push(["X-Hub-Signature-256", metaSignature(b, attackSecrets.metaAppSecret)]);
    else if (sig !== "none") headers.push(["X-Hub-Signature-256", sig]);
    return {
      label: `POST whatsapp (${sig === "valid" ? "signed" : "unsigned"})`,
      method: "POST",
      path: `/api/webhooks/whatsapp/${ws}`,
      headers: withHeaders(headers, ct, enc, ip, "application/json"),
      body: b,
    };
  });
  const handshake = fc.tuple(workspace, urlPart, urlPart, urlPart, clientIp).map(
    ([ws, mode, token, challenge, ip]): FuzzRequest => ({
      label: "GET whatsapp handshake",
      method: "GET",
      path: `/api/webhooks/whatsapp/${ws}?hub.mode=${mode}&hub.verify_token=${token}&hub.challenge=${challenge}`,
      headers: [["X-Forwarded-For", ip]],
    }),
  );
  return fc.oneof({ weight: 5, arbitrary: post }, { weight: 1, arbitrary: handshake });
}

// ---------------------------------------------------------------------------------------------- SMS webhook

export function smsRequests(seed: AttackSeed, base: string): fc.Arbitrary<FuzzRequest> {
  const params = fc
    .tuple(
      notAKeyword,
      fc.oneof(notAPhone, fc.constant("")),
      fc.dictionary(fc.constantFrom("Body", "From", "To", "MessageSid", "SmsSid", "NumMedia", "AccountSid", "Extra"), nastyString, { maxKeys: 3 }),
      fc.array(fc.tuple(fc.constantFrom("Body", "From", "MessageSid"), nastyString), { maxLength: 3 }),
      fc.subarray(["MessageSid", "SmsSid", "From", "Body", "To"]),
    )
    .map(([text, from, overrides, repeats, missing]) => {
      // The sender is never a phone number and the text never a keyword, so nothing may be recorded.
      const entries: [string, string][] = Object.entries({ ...smsParams("+12015550199", text, newMessageSid()), ...overrides, From: from });
      for (const name of missing)
        entries.splice(
          entries.findIndex(([k]) => k === name),
          1,
        );
      entries.push(...repeats.map(([k, v]): [string, string] => (k === "From" ? [k, from] : [k, v])));
      return entries.map(([k, v]): [string, string] => (k === "Body" && /^[\p{L}\s]*$/u.test(v.trim()) ? [k, `${v} #1`] : [k, v]));
    });
  const signature = fc.constantFrom("valid", "valid", "valid", "none", "wrong", "other-url");
  const workspace = fc.oneof({ weight: 6, arbitrary: fc.constant(seed.a.slug) }, { weight: 1, arbitrary: urlPart });
  return fc.tuple(params, signature, workspace, headerVariants, fc.boolean()).map(([entries, sig, ws, [ct, enc, ip], raw]): FuzzRequest => {
    const path = `/api/webhooks/sms/${ws}`;
    const headers: [string, string][] = [];
    const signed = sig === "other-url" ? `${base}/api/webhooks/sms/elsewhere` : `${base}${path}`;
    if (sig !== "none") headers.push(["X-Twilio-Signature", sig === "wrong" ? "AAAA" : twilioSignature(signed, entries, attackSecrets.twilioAuthToken)]);
    const form = new URLSearchParams(entries).toString();
    // Sometimes bytes that are not UTF-8 where a value should be.
    const body = raw ? Buffer.concat([Buffer.from(form), Buffer.from("&Body=%FF%FE"), Buffer.from([0xff, 0xfe])]) : Buffer.from(form);
    return { label: `POST sms (${sig})`, method: "POST", path, headers: withHeaders(headers, ct, enc, ip, "application/x-www-form-urlencoded"), body };
  });
}

// ------------------------------------------------------------------------- server actions (form, preferences)

/** The hidden inputs a page renders into its server-action form ($ACTION_… fields), read from its HTML. */
export function hiddenActionFields(html: string, formIndex = 0): [string, string][] {
  const forms = [...html.matchAll(/<form\b[\s\S]*?<\/form>/g)].map((m) => m[0]).filter((f) => f.includes("$ACTION"));
  const form = forms[formIndex];
  if (!form) throw new Error("no server-action form on the page");
  const unescapeHtml = (v: string) =>
    v
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  return [...form.matchAll(/<input\b[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => /type="hidden"/.test(tag))
    .map((tag): [string, string] => [unescapeHtml(/name="([^"]*)"/.exec(tag)?.[1] ?? ""), unescapeHtml(/value="([^"]*)"/.exec(tag)?.[1] ?? "")])
    .filter(([name]) => name !== "");
}

/** The server action's id, as a JavaScript client sends it in the Next-Action header. */
export function actionIdOf(fields: [string, string][]): string {
  for (const [name, value] of fields) {
    const id = /[0-9a-f]{40,}/.exec(`${name} ${value}`)?.[0];
    if (id) return id;
  }
  throw new Error("no server action id among the hidden fields");
}

type Part = [name: string, value: string | Buffer];

/** multipart/form-data as a browser sends it, or broken: the boundary missing, wrong or never closed. */
function multipart(parts: Part[], breakage: "none" | "no-boundary" | "wrong-boundary" | "unterminated" | "no-disposition"): { type: string; body: Buffer } {
  const boundary = "----fuzz" + "7MA4YWxkTrZu0gW";
  const chunks: Buffer[] = [];
  for (const [name, value] of parts) {
    const disposition = breakage === "no-disposition" ? "" : `Content-Disposition: form-data; name="${name}"\r\n`;
    chunks.push(Buffer.from(`--${boundary}\r\n${disposition}\r\n`, "utf8"), Buffer.isBuffer(value) ? value : Buffer.from(value, "utf8"), Buffer.from("\r\n"));
  }
  if (breakage !== "unterminated") chunks.push(Buffer.from(`--${boundary}--\r\n`));
  const type = breakage === "no-boundary" ? "multipart/form-data" : `multipart/form-data; boundary=${breakage === "wrong-boundary" ? "other" : boundary}`;
  return { type, body: Buffer.concat(chunks) };
}

const breakage = fc.constantFrom<"none" | "no-boundary" | "wrong-boundary" | "unterminated" | "no-disposition">(
  "none",
  "none",
  "none",
  "none",
  "no-boundary",
  "wrong-boundary",
  "unterminated",
  "no-disposition",
);
const fieldValue = fc.oneof(
  { weight: 5, arbitrary: nastyString.map((s): string | Buffer => s) },
  { weight: 1, arbitrary: invalidUtf8.map((b): string | Buffer => b) },
);
const fieldName = fc.oneof(
  fc.constantFrom("phone", "country", "name", "categories", "language", "submissionId", "company_url", "token", "change", "category"),
  nastyString,
);

/** The hosted form's fields with at least one defect that must refuse the sign-up, and random noise. */
const brokenOptIn: fc.Arbitrary<Part[]> = fc
  .tuple(
    fc.constantFrom("no-categories", "unknown-category", "bad-language", "honeypot", "bad-submission", "not-a-phone", "bad-country"),
    notAPhone,
    fc.array(fc.tuple(fieldName, fieldValue), { maxLength: 6 }),
    fc.uuid(),
  )
  .map(([defect, junk, noise, uuid]) => {
    const parts: Part[] = [
      ["submissionId", defect === "bad-submission" ? junk : uuid],
      ["language", defect === "bad-language" ? `x-${junk}` : "en"],
      ["country", defect === "bad-country" ? junk : "US"],
      ["phone", defect === "not-a-phone" ? junk : "+12015550199"],
    ];
    if (defect === "unknown-category") parts.push(["categories", `x-${junk}`]);
    else if (defect !== "no-categories") parts.push(["categories", "orders"]);
    if (defect === "honeypot") parts.push(["company_url", `https://spam.example/${junk}`]);
    // Noise may repeat a field, but never replaces the defect's own value or adds a category.
    return [...parts, ...noise.filter(([name]) => !["submissionId", "language", "country", "phone", "categories", "company_url"].includes(name))];
  });

/** Posts to a server action as a browser without JavaScript does: the page's hidden $ACTION_ fields plus the form's own. */
export function actionPostRequests(
  origin: string,
  path: string,
  pageHidden: [string, string][],
  fields: fc.Arbitrary<Part[]>,
  label: string,
): fc.Arbitrary<FuzzRequest> {
  // Only the action's own fields: the form's (submissionId, language, token) come from `fields`, defects and all.
  const hidden = pageHidden.filter(([name]) => name.startsWith("$ACTION"));
  const hiddenVariants = fc.oneof(
    { weight: 6, arbitrary: fc.constant(hidden) },
    { weight: 1, arbitrary: fc.constant<[string, string][]>([]) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.nat(Math.max(0, hidden.length - 1)), fc.oneof(nastyString, fc.constantFrom("{}", "[]", '{"id":"0","bound":null}', '"$@1"', "$ACTION_REF_1")))
        .map(([i, v]) => hidden.map(([n, old], j): [string, string] => [n, j === i ? v : old])),
    },
    { weight: 1, arbitrary: fc.tuple(nastyString, nastyString).map(([n, v]) => [...hidden, [`$ACTION_${n}`, v] as [string, string]]) },
  );
  return fc.tuple(hiddenVariants, fields, breakage, clientIp, fc.option(bogusEncodingHeaders, { nil: undefined })).map(([h, f, brk, ip, enc]): FuzzRequest => {
    const { type, body } = multipart([...h, ...f], brk);
    return {
      label: `${label} (no JavaScript, ${brk})`,
      method: "POST",
      path,
      headers: [["Content-Type", type], ["Origin", origin], ["X-Forwarded-For", ip], ...(enc ?? [])],
      body,
    };
  });
}

/** Posts to a server action as React's client does: the action id in Next-Action, the arguments encoded as a reply. */
export function actionFetchRequests(origin: string, path: string, actionId: string, fields: fc.Arbitrary<Part[]>, label: string): fc.Arbitrary<FuzzRequest> {
  const id = fc.oneof(
    { weight: 5, arbitrary: fc.constant(actionId) },
    {
      weight: 1,
      arbitrary: fc
        .oneof(nastyString, fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 40, maxLength: 42 }))
        .map((s) => s.replace(/[\r\n\0]/g, "")),
    },
  );
  const args = fc.oneof(
    fc.constant('["$K1"]'),
    fc.constant('[{"fields":{},"values":{"phone":"","country":"","name":"","categories":[]}},"$K1"]'),
    nastyJson.map((v) => JSON.stringify(v) ?? ""),
    deepJsonText,
    nastyString,
    fc.constantFrom('["$K999"]', '["$Q1"]', '["$@1"]', '["$T"]', '["$h1"]', '{"__proto__":{"then":1}}', '["$1:constructor:constructor"]'),
  );
  const asJson = fc.tuple(id, args, clientIp).map(
    ([i, a, ip]): FuzzRequest => ({
      label: `${label} (Next-Action, text body)`,
      method: "POST",
      path,
      headers: [
        ["Next-Action", i],
        ["Accept", "text/x-component"],
        ["Content-Type", "text/plain;charset=UTF-8"],
        ["Origin", origin],
        ["X-Forwarded-For", ip],
      ],
      body: a,
    }),
  );
  const asForm = fc.tuple(id, args, fields, breakage, clientIp).map(([i, a, f, brk, ip]): FuzzRequest => {
    const { type, body } = multipart([["0", a], ...f.map(([n, v]): Part => [`1_${n}`, v])], brk);
    return {
      label: `${label} (Next-Action, multipart ${brk})`,
      method: "POST",
      path,
      headers: [
        ["Next-Action", i],
        ["Accept", "text/x-component"],
        ["Content-Type", type],
        ["Origin", origin],
        ["X-Forwarded-For", ip],
      ],
      body,
    };
  });
  return fc.oneof(asJson, asForm);
}

export const brokenOptInFields = brokenOptIn;

/** Preference-centre fields that must change nothing: an invalid submission id, choice or link. */
/**
 * Preference-centre posts with one defect each in the body. The link's token is the address's (/p/{token}/submit), not
 * a field: a stray `token` field is ignored, so forged links are attacked through the path (forgedPreferenceToken).
 */
export function brokenPreferenceFields(): fc.Arbitrary<Part[]> {
  return fc
    .tuple(
      fc.constantFrom("bad-submission", "bad-action", "no-submission"),
      notAPhone,
      fc.uuid(),
      fc.array(fc.tuple(fieldName, fieldValue), { maxLength: 5 }),
      fc.constantFrom("opt_out", "opt_in", "opt_out_all"),
    )
    .map(([defect, junk, uuid, noise, action]) => {
      const parts: Part[] = [
        ["language", "en"],
        ["change", defect === "bad-action" ? `x-${junk}` : action],
        ["category", "offers"],
      ];
      if (defect !== "no-submission") parts.unshift(["submissionId", defect === "bad-submission" ? junk : uuid]);
      return [...parts, ...noise.filter(([name]) => !["submissionId", "change"].includes(name))];
    });
}

/** Well-formed changes, to be posted to a link that does not exist. */
export function preferenceFields(): fc.Arbitrary<Part[]> {
  return fc.tuple(fc.uuid(), fc.constantFrom("opt_out", "opt_in", "opt_out_all")).map(([uuid, action]): Part[] => [
    ["submissionId", uuid],
    ["language", "en"],
    ["change", action],
    ["category", "offers"],
  ]);
}

/** The same link with its last character changed: the shape of a real one, found nowhere. */
export const forgedPreferenceToken = (token: string) => `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;

/** The consumer pages themselves, fetched with hostile paths and queries. */
export function consumerPageRequests(seed: AttackSeed): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(fc.constantFrom("p-real", "p-junk", "f-real", "f-junk", "receipt"), urlPart, urlPart, clientIp, fc.option(nastyString, { nil: undefined }))
    .map(([which, x, y, ip, lang]): FuzzRequest => {
      const path = {
        "p-real": `/p/${seed.a.preferenceToken}?lang=${x}&notice=${y}`,
        "p-junk": `/p/${x}?lang=${y}`,
        "f-real": `/f/${seed.a.slug}/${seed.a.formSlug}?lang=${x}&${y}=${x}`,
        "f-junk": `/f/${x}/${y}`,
        receipt: `/f/${seed.a.slug}/${seed.a.formSlug}/receipt/${x}?t=${y}&lang=${x}`,
      }[which];
      const headers: [string, string][] = [["X-Forwarded-For", ip]];
      if (lang !== undefined) headers.push(["Accept-Language", lang.replace(/[\r\n\0]/g, "")]);
      return { label: `GET ${which}`, method: "GET", path, headers };
    });
}
