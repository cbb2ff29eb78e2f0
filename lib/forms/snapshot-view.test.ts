import { describe, expect, it } from "vitest";
import { presentSnapshot, type SnapshotFacts } from "./snapshot-view";

const kept = `<!doctype html><html lang="en"><head><title>Join</title></head><body class="x"><form><input name="phone"><input type="checkbox" name="categories"><select name="c"></select><textarea></textarea><button type="submit">Sign up</button></form></body></html>`;
const facts: SnapshotFacts = {
  formName: "Join <us>",
  version: 1,
  language: "en",
  publishedAt: new Date("2026-11-02T09:30:00Z"),
  live: false,
  liveVersion: 3,
  sha256: "ab".repeat(32),
};

describe("a kept page snapshot as staff see it", () => {
  it("opens with a banner naming the old version and the live one, and disables every control", () => {
    const html = presentSnapshot(kept, facts);
    expect(html).toMatch(/<body class="x"><style>[^<]*<\/style><div role="note" aria-label="Kept snapshot"/);
    expect(html).toContain("Snapshot of version 1 of “Join &lt;us&gt;” (en), kept when it was published on 2 Nov 2026, 09:30 UTC.");
    expect(html).toContain("This is an old version: version 3 is live now.");
    expect(html).toContain("nothing here can be sent");
    expect(html).toContain(`SHA-256 ${"ab".repeat(32)}`);
    expect(html.match(/<(input|select|textarea|button) disabled/g)).toHaveLength(5);
    expect(html).not.toMatch(/<(input|select|textarea|button)(?! disabled)[\s>]/);
  });

  it("says when the version is the live one", () => {
    expect(presentSnapshot(kept, { ...facts, live: true, liveVersion: 1 })).toContain("This version is the live one.");
  });
});
