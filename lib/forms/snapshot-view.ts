import { escapeHtml } from "../security/escape-html";

export type SnapshotFacts = {
  formName: string;
  version: number;
  language: string;
  publishedAt: Date;
  live: boolean;
  liveVersion: number | null;
  sha256: string;
};

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/**
 * A kept page snapshot as staff view it: the kept HTML with a banner saying which version it is and that it is a
 * copy, and every control disabled, so it cannot be taken for the live form. The sandbox policy already stops it
 * from sending anything; this makes that visible. The kept bytes themselves (which the SHA-256 covers) download
 * unchanged with ?original=1.
 */
export function presentSnapshot(html: string, facts: SnapshotFacts): string {
  const status = facts.live
    ? "This version is the live one."
    : facts.liveVersion !== null
      ? `This is an old version: version ${facts.liveVersion} is live now.`
      : "This is an old version: the form has no live version now.";
  const banner =
    // Sticky where there is room; on a phone it would cover a third of the screen, so it scrolls away there.
    `<style>@media (max-width:640px){[data-kept-snapshot]{position:static!important}}</style>` +
    `<div role="note" aria-label="Kept snapshot" data-kept-snapshot style="position:sticky;top:0;z-index:2147483647;margin:0;padding:12px 16px;` +
    `background:${facts.live ? "#e0f2fe" : "#fef3c7"};color:#0f172a;border-bottom:2px solid ${facts.live ? "#0369a1" : "#b45309"};` +
    `font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif">` +
    `<strong>Snapshot of version ${facts.version} of “${escapeHtml(facts.formName)}” (${escapeHtml(facts.language)}), kept when it was published on ${when.format(facts.publishedAt)} UTC.</strong> ` +
    `${status} It is a copy kept as evidence, not the form: nothing here can be sent. ` +
    `<span style="word-break:break-all">Kept file SHA-256 ${escapeHtml(facts.sha256)}.</span></div>`;
  // Every control, as rendered (a copy of server output, not arbitrary HTML): the tag names are regular.
  const disabled = html.replace(/<(button|input|select|textarea)(?=[\s/>])/gi, "<$1 disabled");
  const body = /<body\b[^>]*>/i.exec(disabled);
  if (!body) return banner + disabled;
  const at = body.index + body[0].length;
  return disabled.slice(0, at) + banner + disabled.slice(at);
}
