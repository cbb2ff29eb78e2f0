import { randomBytes, randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "../lib/db/client";
import type { LedgerFixture } from "../testing/fixtures";

const hex = () => randomBytes(32).toString("hex");

/**
 * The same statements append() sends, in the same transaction shape and locking order, written by hand and
 * sent through the same driver: no validation, hashing or query building. The gap to append() is their cost.
 */
export async function baselineAppend(db: Db, fx: LedgerFixture, phone: string, categoryKeys: string[]): Promise<void> {
  const ws = fx.workspace.id;
  const found = (await db.execute(sql`select w.default_country, w.ledger_salt,
      (select coalesce(json_agg(json_build_object('id', c.id, 'key', c.key, 'retired', c.retired_at is not null)), '[]')
        from message_categories c
        where c.workspace_id = w.id and c.key in (${sql.join(
          categoryKeys.map((k) => sql`${k}`),
          sql`, `,
        )})) as categories,
      (select json_build_object('id', f.id, 'digest', f.digest, 'language', l.language,
          'hasLanguage', f.content->'languages'->l.language is not null, 'categoryKeys', f.content->'categoryKeys')
        from form_versions f, lateral (select coalesce(${null}::text, f.content->>'defaultLanguage') as language) l
        where f.id = ${fx.formVersion.id} and f.workspace_id = w.id) as form_version
    from workspaces w where w.id = ${ws}`)) as unknown as { rows: { categories: { id: string }[] }[] };
  const cats = found.rows[0]!.categories;
  const phoneDigest = `bench-${phone}`;
  const now = new Date().toISOString();
  await db.transaction(async (tx) => {
    const contact = (await tx.execute(sql`insert into contacts (workspace_id, phone_digest, phone, name) values (${ws}, ${phoneDigest}, ${phone}, ${null})
        on conflict (workspace_id, phone_digest) do update
        set phone = excluded.phone, name = coalesce(nullif(excluded.name, ''), contacts.name), updated_at = ${now}
        returning id, last_seq, last_hash`)) as unknown as { rows: { id: string; last_seq: number }[] };
    const c = contact.rows[0]!;
    await tx.execute(
      sql`select s.category_id, c.key, s.state, s.opt_in_level from subscriptions s join message_categories c on c.id = s.category_id where s.contact_id = ${c.id}`,
    );
    let seq = Number(c.last_seq);
    const events = cats.map((cat) => ({ id: randomUUID(), cat: cat.id, seq: ++seq, hash: hex() }));
    const rows = (f: (e: (typeof events)[number]) => ReturnType<typeof sql>) => sql.join(events.map(f), sql`, `);
    // All writes in one statement, as append() sends them.
    await tx.execute(sql`with
      events as (
        insert into consent_events (id, workspace_id, contact_id, seq, command_id, category_id, category_key, action, channel, opt_in_level,
          form_version_id, form_version_digest, language, occurred_at, recorded_at, evidence, actor,
          phone_digest, name_digest, ip_digest, user_agent_digest, note_digest, prev_hash, hash)
        values ${rows(
          (e) => sql`(${e.id}, ${ws}, ${c.id}, ${e.seq}, ${randomUUID()}, ${e.cat}, ${"k"}, ${"opt_in"}, ${"web"}, ${"single"},
          ${fx.formVersion.id}, ${hex()}, ${"en"}, ${now}, ${now}, ${JSON.stringify({ pageUrl: "https://x.example/f" })}::jsonb, ${'{"type":"person"}'}::jsonb,
          ${hex()}, ${null}, ${hex()}, ${hex()}, ${null}, ${hex()}, ${e.hash})`,
        )}),
      personal as (
        insert into event_personal_data (event_id, workspace_id, contact_id, name, ip, user_agent, note)
        values ${rows((e) => sql`(${e.id}, ${ws}, ${c.id}, ${null}, ${"203.0.113.7"}, ${"bench"}, ${null})`)}),
      states as (
        insert into subscriptions (workspace_id, contact_id, category_id, state, opt_in_level, event_id, changed_at)
        values ${rows((e) => sql`(${ws}, ${c.id}, ${e.cat}, ${"opted_in"}, ${"single"}, ${e.id}, ${now})`)}
        on conflict (contact_id, category_id) do update
        set state = excluded.state, opt_in_level = excluded.opt_in_level, event_id = excluded.event_id, changed_at = excluded.changed_at),
      head as (update contacts set last_seq = ${seq}, last_hash = ${events.at(-1)!.hash} where id = ${c.id}),
      queued as (insert into outbox (workspace_id, topic, payload) values (${ws}, ${"consent.opt_in"}, ${JSON.stringify({ events })}::jsonb))
      select 1`);
  });
}
