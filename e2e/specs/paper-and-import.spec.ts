import { createHash } from "node:crypto";
import { expect, test } from "@playwright/test";
import { e2eAccounts } from "../support/accounts";
import { signIn } from "../support/sign-in";

test.skip(({ isMobile }) => isMobile, "the dashboard is for laptops and tablets");

const scan = Buffer.from("%PDF-1.4\n% e2e signed paper form\n%%EOF\n");

test("a compliance user records a signed paper form with its scan and sees it on the timeline", async ({ browser }) => {
  const page = await signIn(browser, e2eAccounts.compliance);
  // Staff land on the overview; the entry points are on the contacts list.
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Contacts" }).click();
  await page.getByRole("link", { name: "Record a paper form" }).click();
  await expect(page.getByRole("heading", { name: "Record a signed paper form" })).toBeVisible();
  const versionId = await page.locator("#paper-versions option").first().getAttribute("value");
  expect(versionId).toMatch(/^[0-9a-f-]{36}$/);

  // Wrong first: another id, no scan. Nothing is recorded and each field says why.
  await page.getByLabel("Phone number").fill("(201) 555-0190");
  await page.getByRole("checkbox", { name: "Offers" }).check();
  await page.getByLabel("Form version id").fill("00000000-0000-4000-8000-000000000000");
  await page.getByLabel("Date signed").fill("2026-11-20");
  await page.getByRole("button", { name: "Record the signed form" }).click();
  await expect(page.getByText("This is not a published form version of this workspace.")).toBeVisible();
  await expect(page.getByText("Attach the scan of the signed form.")).toBeVisible();

  await page.getByLabel("Form version id").fill(versionId!);
  await page.getByLabel("Scan of the signed form").setInputFiles({ name: "sheet.pdf", mimeType: "application/pdf", buffer: scan });
  await page.getByLabel("Note (optional)").fill("Signed at the Elm St counter");
  await page.getByRole("button", { name: "Record the signed form" }).click();
  await expect(page.getByText(/Recorded the signed paper form: 1 category for \+12015550190/)).toBeVisible();
  await page.getByRole("link", { name: "Open the contact" }).click();

  await expect(page.getByRole("heading", { name: "+12015550190" })).toBeVisible();
  const sha = createHash("sha256").update(scan).digest("hex");
  await expect(page.getByText(sha)).toBeVisible();
  await expect(page.getByText("Signed at the Elm St counter")).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the scan" }).click();
  const file = await (await download).path();
  const { readFile } = await import("node:fs/promises");
  expect(
    createHash("sha256")
      .update(await readFile(file))
      .digest("hex"),
  ).toBe(sha);
});

test("erasing the contact of a paper form opts them out of everything and leaves the scan's digest, not the scan", async ({ browser }) => {
  const page = await signIn(browser, e2eAccounts.compliance);
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Contacts" }).click();
  await page.getByRole("link", { name: "Record a paper form" }).click();
  const versionId = await page.locator("#paper-versions option").first().getAttribute("value");
  const erasable = Buffer.from("%PDF-1.4\n% e2e signed paper form, to be erased\n%%EOF\n");
  await page.getByLabel("Phone number").fill("(201) 555-0191");
  await page.getByRole("checkbox", { name: "Offers" }).check();
  await page.getByLabel("Form version id").fill(versionId!);
  await page.getByLabel("Date signed").fill("2026-11-20");
  await page.getByLabel("Scan of the signed form").setInputFiles({ name: "sheet.pdf", mimeType: "application/pdf", buffer: erasable });
  await page.getByRole("button", { name: "Record the signed form" }).click();
  await expect(page.getByText(/Recorded the signed paper form: 1 category for \+12015550191/)).toBeVisible();
  await page.getByRole("link", { name: "Open the contact" }).click();
  await expect(page.getByRole("link", { name: "Download the scan" })).toBeVisible();
  const scanUrl = await page.getByRole("link", { name: "Download the scan" }).getAttribute("href");

  const erase = page.getByRole("region", { name: "Erase personal data" });
  await expect(erase.getByText(/First opts the person out of every category/)).toBeVisible();
  await erase.getByLabel("Reason").fill("Asked by email on 2026-12-04");
  await erase.getByLabel("Type ERASE to confirm").fill("ERASE");
  await erase.getByRole("button", { name: "Opt out of everything and erase personal data" }).click();
  // The page is rendered again without the erase form (and its message): the contact is erased. One transaction
  // opts out, blanks, and looks through the workspace's import files: a liveness bound for a loaded machine.
  await expect(page.getByRole("heading", { name: "Erased contact" })).toBeVisible({ timeout: 20_000 });
  await page.reload();
  await expect(page.getByRole("heading", { name: "Erased contact" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Opted out: .*Offers/ })).toBeVisible();
  await expect(page.getByText(/The scan was erased with the personal data on/)).toBeVisible();
  await expect(page.getByText(createHash("sha256").update(erasable).digest("hex"))).toBeVisible();
  await expect(page.getByRole("link", { name: "Download the scan" })).toHaveCount(0);
  const gone = await page.request.get(scanUrl!);
  expect(gone.status()).toBe(410);
  const consent = page.getByRole("region", { name: "Current consent" });
  await expect(consent.getByText(/Offers:\s*out/)).toBeVisible();
  await expect(consent.getByText(/:\s*in\b/)).toHaveCount(0);
});

test("a compliance user imports a CSV: sees the bad row in the preview, imports, sees the result", async ({ browser }) => {
  const page = await signIn(browser, e2eAccounts.compliance);
  // Staff land on the overview; the entry points are on the contacts list.
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Contacts" }).click();
  await page.getByRole("link", { name: "Import CSV" }).click();
  await expect(page.getByRole("heading", { name: "Import opt-ins from a CSV file" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "occurred_at" })).toBeVisible();
  const suffix = String(Date.now() % 100).padStart(2, "0");
  const csv = [
    "phone,categories,channel,occurred_at,source,reference",
    `+1 201 555 02${suffix},order_updates,paper,2026-03-01,Spring fair,R1`,
    "not a number,order_updates,paper,2026-03-01,Spring fair,R2",
    `(201) 555-03${suffix},order_updates;offers,web,2026-03-02T10:00:00Z,Spring fair,R3`,
  ].join("\n");
  await page.getByLabel("CSV file").setInputFiles({ name: "fair.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Upload and preview" }).click();

  await expect(page.getByRole("heading", { name: "fair.csv" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Nothing has been written yet" })).toBeVisible();
  const problem = page.getByRole("row").filter({ hasText: "phone" });
  await expect(problem.getByRole("cell").first()).toHaveText("3");
  await page.getByRole("button", { name: "Import 2 rows" }).click();
  await expect(page.getByRole("heading", { name: "Imported" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/2 written as new opt-ins · 0 already imported earlier/)).toBeVisible();
});
