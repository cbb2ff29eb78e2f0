import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { consentEvents } from "../db/schema/ledger";
import { findPublishedForm, type PublishedForm } from "../data/forms";
import { findPreferenceCentre } from "../data/preferences";
import { createForm, publishFormVersion } from "../forms/publish";
import { defaultEnglishWording } from "../forms/wording";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../testing/databases";
import { createLedgerFixture, type LedgerFixture } from "../testing/fixtures";
import { submitWebOptIn } from "./web";

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
        es: { ...en, headline: "Hola", consent: { orders: "Sí, quiero recibir novedades de pedidos de Test Shop por WhatsApp.", offers: "Sí, quiero recibir ofertas de Test Shop por WhatsApp." } },
      },
    });
    form = (await findPublishedForm(t.db, fx.workspace.slug, "bilingual"))!;
  });
  afterAll(() => t?.drop());

  it("records the language shown and hands back a working preference link", async () => {
    const result = await submitWebOptIn(t.db, form, post({ phone: "2015550181", categories: ["offers"], language: "es" }), meta, "https://a.example/f/x/bilingual");
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
});
