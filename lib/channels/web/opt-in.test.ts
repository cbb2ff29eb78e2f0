import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { consentEvents, contacts } from "../../db/schema/ledger";
import { forms } from "../../db/schema/forms";
import { findPublishedForm, type PublishedForm } from "../../forms/queries";
import { findPreferenceCentre } from "../../preferences/queries";
import { createForm, publishFormVersion } from "../../forms/publish";
import { defaultEnglishWording } from "../../forms/wording";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../../testing/databases";
import { createLedgerFixture, testPhone, type LedgerFixture } from "../../../testing/fixtures";
import { submitToHostedForm, submitWebOptIn, webOptInIpLimits } from "./opt-in";

const meta = { ip: "203.0.113.50", userAgent: "Mozilla/5.0 test", requestId: "r" };

function post(fields: Record<string, string | string[]>) {
  const data = new FormData();
  for (const [k, v] of Object.entries({ submissionId: randomUUID(), country: "US", ...fields })) {
    for (const one of Array.isArray(v) ? v : [v]) data.append(k, one);
  }
  return data;
}

describe.each(testDatabaseKinds())("web opt-in on %s", (kind) => {
  let t: TestDatabase;
  let fx: LedgerFixture;
  let form: PublishedForm;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createLedgerFixture(t.db);
    const f = await createForm(t.db, fx.workspace.id, { slug: "bilingual", name: "Bilingual", channel: "web" });
    const en = defaultEnglishWording(fx.workspace.businessName, fx.categories);
    await publishFormVersion(t.db, fx.workspace.id, f.id, {
      businessName: fx.workspace.businessName,
      privacyPolicyUrl: null,
      defaultLanguage: "en",
      categoryKeys: ["orders", "offers"],
      askConfirmation: false,
      languages: {
        en,
        es: {
          ...en,
          headline: "Hola",
          consent: {
            orders: "Sí, quiero recibir novedades de pedidos de Test Shop por WhatsApp.",
            offers: "Sí, quiero recibir ofertas de Test Shop por WhatsApp.",
          },
        },
      },
    });
    form = (await findPublishedForm(t.db, fx.workspace.slug, "bilingual"))!;
  });
  afterAll(() => t?.drop());

  it("records the language shown and hands back a working preference link", async () => {
    const result = await submitWebOptIn(
      t.db,
      form,
      post({ phone: "2015550181", categories: ["offers"], language: "es" }),
      meta,
      "https://a.example/f/x/bilingual",
    );
    if (!result.ok) throw new Error(JSON.stringify(result.state));
    expect(result.language).toBe("es");
    const [event] = await t.db.select().from(consentEvents).where(eq(consentEvents.commandId, result.receipt.commandId));
    expect(event!.language).toBe("es");
    const centre = await findPreferenceCentre(t.db, result.preferenceToken!);
    expect(centre?.categories.find((c) => c.key === "offers")?.state).toBe("opted_in");
  });

  it("refuses a language the version lacks, answers in the shown language, and writes nothing", async () => {
    const before = await t.db.select().from(consentEvents);
    const unknown = await submitWebOptIn(t.db, form, post({ phone: "2015550182", categories: ["offers"], language: "fr" }), meta, "https://a.example/f");
    expect(unknown).toMatchObject({ ok: false, state: { fields: { form: "This page is out of date. Please reload it and try again." } } });
    const short = await submitWebOptIn(t.db, form, post({ phone: "12", categories: ["offers"], language: "es" }), meta, "https://a.example/f");
    expect(short).toMatchObject({ ok: false, state: { fields: { phone: "Este número de teléfono es demasiado corto." } } });
    const none = await submitWebOptIn(t.db, form, post({ phone: "2015550183", language: "es" }), meta, "https://a.example/f");
    expect(none).toMatchObject({ ok: false, state: { fields: { categories: "Elige al menos un tipo de mensaje." } } });
    expect(await t.db.select().from(consentEvents)).toHaveLength(before.length);
  });

  const eventCount = async () => (await t.db.select({ n: count() }).from(consentEvents))[0]!.n;
  const contactCount = async () => (await t.db.select({ n: count() }).from(contacts))[0]!.n;
  const from = (ip: string) => ({ ...meta, ip });

  it("refuses bad input with a specific error per field and writes nothing", async () => {
    const [events, people] = [await eventCount(), await contactCount()];
    const net = from("198.51.100.7");
    const cases: [Record<string, string | string[]>, Record<string, string>][] = [
      [{ phone: "call me maybe", categories: ["offers"], language: "en" }, { phone: "This does not look like a phone number." }],
      [{ phone: "2015550", categories: ["offers"], language: "en" }, { phone: "This phone number is too short." }],
      [{ phone: "2015550184", language: "en" }, { categories: "Choose at least one kind of message." }],
      [{ phone: "2015550184", categories: ["offers"], name: "x".repeat(10_240), language: "en" }, { name: "Use at most 200 characters for your name." }],
      [{ phone: "<b>2015550184</b>", categories: ["offers"], language: "en" }, { phone: "This does not look like a phone number." }],
      // Markup as a category or a language is not one the form offers: the page is stale or forged.
      [
        { phone: "2015550184", categories: ["<script>alert(1)</script>"], language: "en" },
        { form: "This page is out of date. Please reload it and try again." },
      ],
      [{ phone: "2015550184", categories: ["offers"], language: "<img src=x>" }, { form: "This page is out of date. Please reload it and try again." }],
    ];
    for (const [fields, expected] of cases) {
      const result = await submitWebOptIn(t.db, form, post(fields), net, "https://a.example/f");
      expect(result.ok, JSON.stringify(fields).slice(0, 80)).toBe(false);
      if (!result.ok) expect(result.state.fields).toEqual(expected);
    }
    expect([await eventCount(), await contactCount()]).toEqual([events, people]);
  });

  it("stores markup in the name as plain text, exactly as typed (every page escapes it on output)", async () => {
    const name = `<script>alert("x")</script> Ana & "Bo"`;
    const result = await submitWebOptIn(
      t.db,
      form,
      post({ phone: "2015550185", categories: ["offers"], name, language: "en" }),
      from("198.51.100.8"),
      "https://a.example/f",
    );
    if (!result.ok) throw new Error(JSON.stringify(result.state));
    const [contact] = await t.db.select({ name: contacts.name }).from(contacts).where(eq(contacts.id, result.receipt.contactId));
    expect(contact!.name).toBe(name);
  });

  it("reads the number in the country posted and accepts it as pasted (dashes, direction marks, full-width digits)", async () => {
    const cases: [Record<string, string>, string][] = [
      [{ country: "MX", phone: "55 1234 5678" }, "+525512345678"],
      [{ country: "GB", phone: "07911 123456" }, "+447911123456"],
      [{ country: "US", phone: "\u200e+1 201\u2013555\u20130187\u200e" }, "+12015550187"],
      [{ country: "US", phone: "\uff08\uff12\uff10\uff11\uff09\u00a0555\u20140188" }, "+12015550188"],
    ];
    for (const [fields, expected] of cases) {
      const result = await submitWebOptIn(
        t.db,
        form,
        post({ ...fields, categories: ["offers"], language: "en" }),
        from("198.51.100.10"),
        "https://a.example/f",
      );
      if (!result.ok) throw new Error(JSON.stringify(result.state));
      const [contact] = await t.db.select({ phone: contacts.phone }).from(contacts).where(eq(contacts.id, result.receipt.contactId));
      expect(contact!.phone).toBe(expected);
    }
  });

  it("answers an unknown, draft or archived form as no longer available, and writes nothing", async () => {
    await createForm(t.db, fx.workspace.id, { slug: "still-draft", name: "Draft", channel: "web" });
    const archived = await createForm(t.db, fx.workspace.id, { slug: "archived", name: "Archived", channel: "web" });
    await publishFormVersion(t.db, fx.workspace.id, archived.id, form.version.content);
    await t.db.update(forms).set({ status: "archived" }).where(eq(forms.id, archived.id));
    const events = await eventCount();
    for (const [ws, slug] of [
      [fx.workspace.slug, "no-such-form"],
      [fx.workspace.slug, "still-draft"],
      [fx.workspace.slug, "archived"],
      ["no-such-workspace", "bilingual"],
    ]) {
      const result = await submitToHostedForm(
        t.db,
        ws!,
        slug!,
        post({ phone: "2015550186", categories: ["offers"], language: "es" }),
        from("198.51.100.9"),
        "https://a.example/f",
      );
      expect(result).toMatchObject({ ok: false, state: { fields: { form: "Este formulario de registro ya no está disponible." } } });
    }
    expect(await eventCount()).toBe(events);
  });

  it("throttles 20 quick submissions from one address after the burst limit, in the page's language, writing only the allowed ones", async () => {
    const burst = webOptInIpLimits[0].limit;
    const events = await eventCount();
    const results = [];
    // The burst starts just after a minute begins, as the clock ticks on: on a slow machine a burst straddling
    // a boundary could otherwise let through one more than the limit (the previous minute's weight fades).
    vi.useFakeTimers({ toFake: ["Date"], now: Math.floor(Date.now() / 60_000) * 60_000 + 1000, shouldAdvanceTime: true });
    try {
      for (let i = 0; i < 20; i++) {
        results.push(
          await submitToHostedForm(
            t.db,
            fx.workspace.slug,
            "bilingual",
            post({ phone: testPhone(7000 + i), categories: ["offers"], language: "es" }),
            from("192.0.2.77"),
            "https://a.example/f",
          ),
        );
      }
    } finally {
      vi.useRealTimers();
    }
    expect(results.filter((r) => r.ok)).toHaveLength(burst);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(20 - burst);
    for (const r of refused) {
      expect(r).toMatchObject({ state: { fields: { form: "Demasiados intentos desde esta red. Espera unos minutos e inténtalo de nuevo." } } });
      expect(r.ok === false && r.networkThrottled!.retryAfterSeconds).toBeGreaterThan(0);
    }
    expect(await eventCount()).toBe(events + burst);
    // Another address is not held up by the first one's burst.
    expect(
      (
        await submitToHostedForm(
          t.db,
          fx.workspace.slug,
          "bilingual",
          post({ phone: testPhone(7100), categories: ["offers"], language: "es" }),
          from("192.0.2.78"),
          "https://a.example/f",
        )
      ).ok,
    ).toBe(true);
  });
});
