import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { auditActions } from "../handlers/audit-actions";
import { auditSentence, auditSentences } from "./sentences";

const root = path.resolve(import.meta.dirname, "../..");

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/**
 * Every audit code the source writes: in each file that writes audit rows (through lib/handlers/audit.ts, straight
 * into audit_log, or the demo's history), the dotted string literals given as `action:` (ternaries included) or to
 * the channel settings' `change(ctx, "…")`. Written by hand in a new place, a code would still be found here.
 */
function writtenCodes(): Map<string, string> {
  const found = new Map<string, string>();
  const files = ["lib", "cli", "app"].flatMap((d) => walk(path.join(root, d))).filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".test.ts"));
  for (const file of files) {
    const source = readFileSync(file, "utf8");
    if (!/recordStaffAudit\(|recordAccountAudit\(|insert\(auditLog\)|audit\.push\(/.test(source)) continue;
    const expressions = [...source.matchAll(/\baction:\s*([^,}\n]+)/g), ...source.matchAll(/\bchange\(\s*ctx,\s*("[^"]+")/g)].map((m) => m[1]!);
    for (const expression of expressions) {
      for (const [, code] of expression.matchAll(/"([a-z][a-z_-]*(?:\.[a-z_-]+)+)"/g)) found.set(code!, path.relative(root, file));
    }
  }
  return found;
}

describe("audit sentences", () => {
  it("every code written anywhere is a known code, and every known code has a sentence", () => {
    const written = writtenCodes();
    // The scan itself works: it finds codes written in each of the ways above.
    for (const code of ["form.publish", "category.retire", "webhook.disable", "channels.sms.update", "contact.erase", "member.join", "password.reset-link"]) {
      expect(written.has(code), code).toBe(true);
    }
    const unknown = [...written].filter(([code]) => !(auditActions as readonly string[]).includes(code)).map(([code, file]) => `${code} (${file})`);
    expect(unknown, "add these to lib/handlers/audit-actions.ts and give each a sentence in lib/audit/sentences.ts").toEqual([]);
    expect(Object.keys(auditSentences).sort()).toEqual([...auditActions].sort());
  });

  it("says something readable for every code, even with an empty detail and no subject", () => {
    for (const code of auditActions) {
      const sentence = auditSentence(code, { detail: {}, subject: null });
      expect(sentence, code).toMatch(/^[A-Z]/);
      expect(sentence, code).not.toMatch(/undefined|null|\[object|NaN/);
      expect(sentence, code).not.toContain(code);
    }
  });

  it("names the subject and puts values in words", () => {
    expect(auditSentence("form.publish", { detail: { version: 3, versionId: "x", digest: "y" }, subject: "Spring offers" })).toBe(
      "Published version 3 of the form “Spring offers”",
    );
    expect(auditSentence("contact.erase", { detail: { eventsErased: 4, reason: "Asked by email" }, subject: null })).toBe(
      "Erased the personal data of an erased contact: 4 events, because “Asked by email”",
    );
    expect(auditSentence("contact.certificate", { detail: { events: 1, verified: true }, subject: "+12015550111" })).toBe(
      "Downloaded the consent certificate of +12015550111 (1 event, chain verified)",
    );
    expect(
      auditSentence("settings.profile", {
        detail: { requireConfirmation: { before: false, after: true }, businessName: { before: "Acme", after: "Acme Coffee" } },
        subject: null,
      }),
    ).toBe("Changed the business profile: double opt-in: off → on; business name: Acme → Acme Coffee");
    expect(auditSentence("member.role", { detail: { email: "ana@example.com", from: "viewer", to: "marketer" }, subject: null })).toBe(
      "Changed the role of ana@example.com from Viewer to Marketer",
    );
    expect(auditSentence("api-key.create", { detail: { name: "CRM", prefix: "ak_12", scopes: ["consents:read"] }, subject: "CRM" })).toBe(
      "Created the API key “CRM” (ak_12…), allowed to: check consent and read a contact's state",
    );
    expect(
      auditSentence("contact.paper_form", {
        detail: { categories: ["order_updates", "offers"] },
        subject: "+12015550111",
        categoryLabel: (k) => ({ order_updates: "Order updates", offers: "Offers" })[k] ?? k,
      }),
    ).toBe("Recorded a signed paper form for +12015550111: Order updates and Offers");
    // A code from a newer version is named as it is rather than dropped.
    expect(auditSentence("form.teleport", { detail: {}, subject: null })).toBe("Recorded “form.teleport”");
  });
});
