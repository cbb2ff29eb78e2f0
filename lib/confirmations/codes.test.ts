import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { append } from "../ledger/append";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../../testing/databases";
import { createLedgerFixture, testPhone, webOptIn, type LedgerFixture } from "../../testing/fixtures";
import { extractConfirmationCode, normalizeConfirmationCode } from "./code-format";
import { createConfirmationCode, findConfirmationCode, findOpenConfirmationForCommand, generateConfirmationCode, useConfirmationCode } from "./codes";
import { erasePersonalData } from "../contacts/erasure/erase";
import { findReceipt, maskPhone } from "../public-pages/receipts.queries";

describe("confirmation code format", () => {
  it("draws six characters without 0, O, 1 or I", () => {
    for (let i = 0; i < 200; i++) expect(generateConfirmationCode()).toMatch(/^[2-9A-HJ-NP-Z]{6}$/);
  });
  it("forgives case, spaces and dashes, and refuses anything else", () => {
    expect(normalizeConfirmationCode(" abc 234 ")).toBe("ABC234");
    expect(normalizeConfirmationCode("ABC-234")).toBe("ABC234");
    expect(normalizeConfirmationCode("ABC230")).toBeUndefined();
    expect(normalizeConfirmationCode("ABCDEFG")).toBeUndefined();
  });
  it("finds the code in a received message in any language", () => {
    expect(extractConfirmationCode("Confirm my sign-up to Acme Coffee. Code: K7PQ2X")).toBe("K7PQ2X");
    expect(extractConfirmationCode("Confirmo mi registro en Acme Coffee. Código: K7PQ2X")).toBe("K7PQ2X");
    expect(extractConfirmationCode("Acme Coffee पर मेरे साइन-अप की पुष्टि। कोड: K7PQ2X")).toBe("K7PQ2X");
    expect(extractConfirmationCode("hello there")).toBeUndefined();
  });
});

describe.each(testDatabaseKinds())("confirmation codes on %s", (kind) => {
  let t: TestDatabase;
  let fx: LedgerFixture;
  let other: LedgerFixture;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fx = await createLedgerFixture(t.db);
    other = await createLedgerFixture(t.db);
  });
  afterAll(() => t?.drop());

  async function codeFor(n: number, now = new Date()) {
    const receipt = await append(t.db, webOptIn(fx, testPhone(n), { categories: ["orders", "offers"] }));
    const code = await createConfirmationCode(
      t.db,
      { workspaceId: fx.workspace.id, contactId: receipt.contactId, commandId: receipt.commandId, categoryKeys: ["orders", "offers"] },
      now,
    );
    return { receipt, code };
  }

  it("stores a code for a sign-up that expires in seven days, found by its command", async () => {
    const now = new Date();
    const { receipt, code } = await codeFor(1, now);
    expect(code.expiresAt.getTime() - now.getTime()).toBe(7 * 24 * 3600 * 1000);
    expect((await findOpenConfirmationForCommand(t.db, fx.workspace.id, receipt.commandId))?.code).toBe(code.code);
    expect(await findConfirmationCode(t.db, fx.workspace.id, code.code.toLowerCase())).toMatchObject({
      status: "valid",
      code: { contactId: receipt.contactId, commandId: receipt.commandId, categoryKeys: ["orders", "offers"] },
    });
  });

  it("dies with an erasure: the code no longer confirms, and the receipt says the data was erased", async () => {
    const { receipt, code } = await codeFor(40);
    await erasePersonalData(t.db, {
      workspaceId: fx.workspace.id,
      contactId: receipt.contactId,
      actor: { userId: null, label: "test" },
      reason: "Asked by email",
    });
    expect(await findOpenConfirmationForCommand(t.db, fx.workspace.id, receipt.commandId)).toBeUndefined();
    expect(await findConfirmationCode(t.db, fx.workspace.id, code.code)).toEqual({ status: "unknown" });
    expect(await useConfirmationCode(t.db, fx.workspace.id, code.code)).toBeUndefined();
    const page = await findReceipt(t.db, fx.workspace.slug, receipt.commandId);
    expect(page?.erasedAt).toBeInstanceOf(Date);
    expect(maskPhone(page!.phone)).toBe("(erased)");
  });

  it("is used once only, and only in its own workspace", async () => {
    const { code } = await codeFor(2);
    expect(await useConfirmationCode(t.db, other.workspace.id, code.code)).toBeUndefined();
    expect(await findConfirmationCode(t.db, other.workspace.id, code.code)).toEqual({ status: "unknown" });
    const [first, second] = await Promise.all([useConfirmationCode(t.db, fx.workspace.id, code.code), useConfirmationCode(t.db, fx.workspace.id, code.code)]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    expect((await findConfirmationCode(t.db, fx.workspace.id, code.code)).status).toBe("used");
    expect(await findOpenConfirmationForCommand(t.db, fx.workspace.id, code.commandId)).toBeUndefined();
  });

  it("cannot be used once expired, and unknown codes say so", async () => {
    const weekAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    const { code } = await codeFor(3, weekAgo);
    expect((await findConfirmationCode(t.db, fx.workspace.id, code.code)).status).toBe("expired");
    expect(await useConfirmationCode(t.db, fx.workspace.id, code.code)).toBeUndefined();
    expect(await findConfirmationCode(t.db, fx.workspace.id, "ZZZZZZ")).toEqual({ status: "unknown" });
    expect(await findConfirmationCode(t.db, fx.workspace.id, "not a code")).toEqual({ status: "unknown" });
  });

  it("draws codes unique per workspace", async () => {
    const receipt = await append(t.db, webOptIn(fx, testPhone(4)));
    const codes = await Promise.all(
      Array.from({ length: 30 }, () =>
        createConfirmationCode(t.db, { workspaceId: fx.workspace.id, contactId: receipt.contactId, commandId: randomUUID(), categoryKeys: ["orders"] }),
      ),
    );
    expect(new Set(codes.map((c) => c.code)).size).toBe(30);
  });
});
