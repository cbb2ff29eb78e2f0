import { expect, test, type Page } from "@playwright/test";
import { startWebhookReceiver } from "../../testing/webhook-receiver";
import { qualityOwner, qualitySeed, qualityWorkspace } from "../support/quality-accounts";
import { signIn } from "../support/sign-in";

test.skip(({ isMobile }) => isMobile, "the dashboard is for laptops and tablets; the 360-px check is a screenshot below");
// Several page loads, a settings save and a webhook round trip: more than the default minute on a busy machine.
test.setTimeout(120_000);

/** The rows of a chart's table of numbers, opened from its disclosure, as arrays of cell texts. */
async function tableRows(page: Page, title: string): Promise<string[][]> {
  const section = page.getByRole("region", { name: title });
  const details = section.locator("details");
  if ((await details.count()) > 0 && !(await details.evaluate((d) => (d as HTMLDetailsElement).open)))
    await section.getByText("Table of these numbers").click();
  const table = section.getByRole("table", { name: title });
  await expect(table).toBeVisible();
  return table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent?.trim() ?? "")));
}

test("a new form whose people leave in its first week raises an alert, on the overview and by webhook", async ({ browser }, testInfo) => {
  const receiver = await startWebhookReceiver();
  try {
    const page = await signIn(browser, qualityOwner);
    await expect(page).toHaveURL(new RegExp(`/${qualityWorkspace}$`));
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Quality alerts" })).toHaveCount(0);

    // The business's ops system takes quality alerts.
    await page.goto(`/${qualityWorkspace}/settings/webhooks`);
    await page.getByLabel("URL").fill(receiver.url);
    await page.getByRole("checkbox", { name: /Quality alerts/ }).check();
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect(page.getByLabel("Signing secret")).toHaveValue(/^whsec_/);

    // The seed's thresholds ask for 1,000 opt-ins a week; at 20 the new form's first week is flagged.
    await page.goto(`/${qualityWorkspace}/settings/quality`);
    await page.getByLabel("Opt-ins needed in those 7 days").fill("20");
    await page.getByRole("button", { name: "Save thresholds" }).click();
    await expect(page.getByText("Saved. The alert rules now use these thresholds.")).toBeVisible();

    const formAlert = `Opt-outs jumped for the form “${qualitySeed.giveaway.form}”: 40% in the last 7 days (before: 0%)`;
    await expect.poll(() => receiver.received.map((r) => JSON.parse(r.body).data?.title), { timeout: 20_000 }).toContain(formAlert);
    const bodies = receiver.received.map((r) => JSON.parse(r.body) as { type: string; data: { kind: string } });
    expect(bodies.every((b) => b.type === "quality.alert")).toBe(true);
    expect(bodies.map((b) => b.data.kind).sort()).toEqual(["category_opt_out", "form_opt_out"]);

    await page.goto(`/${qualityWorkspace}?days=30&by=day&split=form`);
    const banner = page.getByRole("region", { name: "Quality alerts" });
    await expect(banner.getByRole("alert")).toHaveCount(2);
    await expect(banner.getByText(formAlert)).toBeVisible();
    await expect(page.locator(".recharts-surface").first()).toBeVisible();

    // The charts' tables hold the seeded numbers.
    const { counter, giveaway } = qualitySeed;
    expect(await tableRows(page, "Opt-out rate per form")).toEqual([
      [counter.form, String(counter.optIns), "0", "0.0%", "0.0%", "0.0%"],
      [giveaway.form, String(giveaway.optIns), String(giveaway.optOuts), "40.0%", "40.0%", "40.0%"],
    ]);
    expect(await tableRows(page, "Opt-out rate per category")).toEqual([
      ["News", String(counter.optIns), "0", "0.0%", "0.0%", "0.0%"],
      ["Offers", String(giveaway.optIns), String(giveaway.optOuts), "40.0%", "40.0%", "40.0%"],
    ]);
    const optIns = await tableRows(page, "Opt-ins by form");
    expect(optIns.filter((r) => r[1] === giveaway.form).map((r) => r[2])).toEqual([String(giveaway.optIns)]);
    expect(optIns.filter((r) => r[1] === counter.form).reduce((n, r) => n + Number(r[2]), 0)).toBe(counter.optIns);
    expect((await tableRows(page, "Opt-outs by form")).map((r) => r.slice(1))).toEqual([[giveaway.form, String(giveaway.optOuts)]]);
    expect((await tableRows(page, "Forms: conversion and confirmation")).map((r) => [r[0], r[3]])).toEqual([
      [counter.form, String(counter.optIns)],
      [giveaway.form, String(giveaway.optIns)],
    ]);

    await page.screenshot({ path: testInfo.outputPath("quality-overview-1280.png"), fullPage: true });
    await page.setViewportSize({ width: 360, height: 740 });
    await page.screenshot({ path: testInfo.outputPath("quality-overview-360.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });

    // Dismissed, it stays away while its condition holds.
    await banner.getByRole("alert").filter({ hasText: formAlert }).getByRole("button", { name: "Dismiss" }).click();
    await expect(banner.getByText(formAlert)).toHaveCount(0);
    await page.reload();
    await expect(page.getByText(formAlert)).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Quality alerts" }).getByRole("alert")).toHaveCount(1);
    await page.context().close();
  } finally {
    await receiver.close();
  }
});
