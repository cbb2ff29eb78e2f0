import { writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { expect, test, type Download } from "@playwright/test";
import { extractText } from "unpdf";
import { pdfPageToPng, pdfToText } from "../../testing/poppler";
import { e2eAccounts } from "../support/accounts";
import { embedForm } from "../support/embed-form";
import { signIn } from "../support/sign-in";

/**
 * A published form beyond its page: embedded in a shop's site on another origin (allowed or refused by the
 * form's list of sites), its QR code, and the printed poster and paper form downloaded from the share page.
 */
test.describe.configure({ mode: "serial" });
test.skip(({ isMobile }) => isMobile, "embedding and downloads are the same on a phone; the desktop run covers them");

let app = "";
let formUrl = "";
/** The embed code as the share page gives it, once the snippet test has read it. */
let snippetHtml = "";
const servers: Server[] = [];

/** A stand-in for a customer's website: one page that frames the hosted form. */
function serveShopPage(origin: string): Promise<void> {
  const port = Number(new URL(origin).port);
  const server = createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    // /snippet: the share page's embed code pasted as it is.
    if (req.url === "/snippet") return res.end(`<!doctype html><title>Shop</title><h1>Our shop</h1>${snippetHtml}<footer>Shop footer</footer>`);
    res.end(`<!doctype html><title>Shop</title><h1>Our shop</h1><iframe src="${formUrl}" title="Sign up on WhatsApp" width="600" height="1100"></iframe>`);
  });
  servers.push(server);
  return new Promise((resolve) => server.listen(port, "localhost", () => resolve()));
}

test.beforeAll(async ({}, testInfo) => {
  app = testInfo.project.use.baseURL!;
  formUrl = `${app}/f/demo/${embedForm.slug}`;
  await serveShopPage(embedForm.allowedOrigin);
  await serveShopPage(embedForm.refusedOrigin);
});
test.afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

test("framing headers follow each form's list of sites", async ({ request }) => {
  // Each page's Content-Security-Policy (lib/security/headers.ts) ends in its framing rule.
  const frameAncestors = (csp: string | undefined) => /frame-ancestors [^;]+/.exec(csp ?? "")?.[0];
  const embedded = await request.get(formUrl);
  expect(frameAncestors(embedded.headers()["content-security-policy"])).toBe(`frame-ancestors ${embedForm.allowedOrigin}`);
  expect(embedded.headers()["x-frame-options"]).toBeUndefined();
  const plain = await request.get(`${app}/f/demo/join`);
  expect(frameAncestors(plain.headers()["content-security-policy"])).toBe("frame-ancestors 'none'");
  expect(plain.headers()["x-frame-options"]).toBe("DENY");
  const signIn = await request.get(`${app}/sign-in`);
  expect(frameAncestors(signIn.headers()["content-security-policy"])).toBe("frame-ancestors 'none'");
  expect(signIn.headers()["x-frame-options"]).toBe("DENY");
});

test("an allowed site shows the form in a frame, and a sign-up from inside it goes through", async ({ page }) => {
  await page.goto(embedForm.allowedOrigin);
  const frame = page.frameLocator('iframe[title="Sign up on WhatsApp"]');
  await frame.getByRole("checkbox", { name: /order updates from Acme Coffee/ }).check();
  await frame.getByRole("textbox", { name: "Your WhatsApp number" }).fill("(201) 555-0166");
  await frame.getByRole("button", { name: "Sign up" }).click();
  // The post's Origin is the frame's own (the app), so its origin check passes; the receipt stays framed.
  await expect(frame.getByRole("heading", { name: "You’re signed up" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Our shop" })).toBeVisible();
});

test("inside another site's frame a refusal is shown in place, and the corrected sign-up goes through", async ({ page }) => {
  await page.goto(embedForm.allowedOrigin);
  const frame = page.frameLocator('iframe[title="Sign up on WhatsApp"]');
  await frame.getByRole("checkbox", { name: /order updates from Acme Coffee/ }).check();
  await frame.getByRole("textbox", { name: "Your WhatsApp number" }).fill("12");
  await frame.getByRole("button", { name: "Sign up" }).click();
  // With JavaScript the refusal comes back as JSON: no cookie, so nothing a third-party cookie rule could drop.
  await expect(frame.getByText("This phone number is too short.")).toBeVisible();
  await frame.getByRole("textbox", { name: "Your WhatsApp number" }).fill("(201) 555-0167");
  await frame.getByRole("button", { name: "Sign up" }).click();
  await expect(frame.getByRole("heading", { name: "You’re signed up" })).toBeVisible();
});

test.describe("without JavaScript, in another site's frame", () => {
  test.use({ javaScriptEnabled: false });

  test("a refusal never looks like a blank form: over plain HTTP it says nothing was recorded", async ({ page }) => {
    await page.goto(embedForm.allowedOrigin);
    const frame = page.frameLocator('iframe[title="Sign up on WhatsApp"]');
    await frame.getByRole("checkbox", { name: /order updates from Acme Coffee/ }).check();
    await frame.getByRole("textbox", { name: "Your WhatsApp number" }).fill("12");
    await frame.getByRole("button", { name: "Sign up" }).click();
    // Over plain HTTP the refusal cookie is SameSite=Lax, which a cross-site frame does not get back (over HTTPS it
    // is SameSite=None; Secure; Partitioned, lib/channels/web/submit.routes.test.ts): the page still says so.
    await expect(frame.locator("form [role=alert]")).toHaveText("Your sign-up was not recorded. Please fill in the form again.");
    await expect(frame.getByRole("textbox", { name: "Your WhatsApp number" })).toHaveValue("");
    await frame.getByRole("checkbox", { name: /order updates from Acme Coffee/ }).check();
    await frame.getByRole("textbox", { name: "Your WhatsApp number" }).fill("(201) 555-0168");
    await frame.getByRole("button", { name: "Sign up" }).click();
    await expect(frame.getByRole("heading", { name: "You’re signed up" })).toBeVisible();
  });
});

test("the embed code sizes its frame to the form inside, at a laptop's width and a phone's", async ({ browser }) => {
  const staff = await signIn(browser, e2eAccounts.marketer);
  await staff.goto(`/demo/forms/${embedForm.id}/share`);
  snippetHtml = await staff.getByRole("textbox", { name: "Embed code" }).inputValue();
  await staff.context().close();
  const heights: number[] = [];
  for (const width of [1280, 360]) {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    await page.goto(`${embedForm.allowedOrigin}/snippet`);
    const iframe = page.locator("iframe");
    const frame = page.frameLocator("iframe");
    await expect(frame.getByRole("button", { name: "Sign up" })).toBeVisible();
    // Fitted: the frame is exactly as tall as the page's column inside, so nothing scrolls inside the shop's page.
    const fit = async () => {
      const outer = await iframe.evaluate((f) => f.getBoundingClientRect().height);
      const inner = await frame.locator("[data-frame-content]").evaluate((el) => Math.ceil(el.getBoundingClientRect().bottom + window.scrollY));
      const scrolls = await frame.locator("html").evaluate((html) => html.scrollHeight > html.clientHeight);
      return { fitted: Math.abs(outer - inner) <= 1, scrolls };
    };
    await expect.poll(fit).toEqual({ fitted: true, scrolls: false });
    heights.push(await iframe.evaluate((f) => f.getBoundingClientRect().height));
    // A refusal shown in place makes the page taller; the frame follows.
    await frame.getByRole("checkbox").first().check();
    await frame.getByRole("textbox", { name: "Your WhatsApp number" }).fill("12");
    await frame.getByRole("button", { name: "Sign up" }).click();
    await expect(frame.getByText("This phone number is too short.")).toBeVisible();
    await expect.poll(fit).toEqual({ fitted: true, scrolls: false });
    await page.screenshot({ path: test.info().outputPath(`embedded-${width}.png`), fullPage: true });
    await page.close();
  }
  // A phone's narrow column is taller than the 640 px frame of a laptop.
  expect(heights[1]).toBeGreaterThan(heights[0]!);
});

test("a site not on the list is refused the frame", async ({ page }) => {
  const refused = page.waitForEvent("console", { predicate: (m) => /frame-ancestors/.test(m.text()), timeout: 15_000 });
  await page.goto(embedForm.refusedOrigin);
  await refused;
  await expect(page.frameLocator("iframe").getByRole("button", { name: "Sign up" })).toHaveCount(0);
});

test("the QR code is served for a published form only", async ({ request }) => {
  const svg = await request.get(`${app}/f/demo/join/qr.svg`);
  expect(svg.status()).toBe(200);
  expect(svg.headers()["content-type"]).toBe("image/svg+xml");
  expect(await svg.text()).toContain("<svg");
  const png = await request.get(`${app}/f/demo/join/qr.png?download=1`);
  expect(png.headers()["content-disposition"]).toBe('attachment; filename="demo-join-qr.png"');
  expect((await png.body()).subarray(1, 4).toString()).toBe("PNG");
  expect((await request.get(`${app}/f/demo/no-such-form/qr.svg`)).status()).toBe(404);
});

test("a marketer downloads the poster from the share page", async ({ browser }) => {
  const page = await signIn(browser, e2eAccounts.marketer);
  await page.goto(`/demo/forms/${embedForm.id}/share`);
  await expect(page.getByRole("heading", { level: 1, name: "Share “Embedded on the shop”" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Public link" })).toHaveValue(formUrl);
  await expect(page.getByRole("textbox", { name: "Embed code" })).toHaveValue(new RegExp(`<iframe src="${formUrl}"`));
  await expect(page.getByText(`Only these sites may show it: ${embedForm.allowedOrigin}.`)).toBeVisible();
  await page.screenshot({ path: "test-results/share-page-1280.png", fullPage: true });
  await page.getByLabel("Paper").selectOption("letter");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download poster (PDF)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^embedded-poster-v1-en-letter\.pdf$/);
  const { text } = await extractText(await downloaded(download), { mergePages: true });
  expect(text.replace(/\s+/g, " ")).toContain("Yes, I want to receive order updates from Acme Coffee on WhatsApp.");
});

test("a marketer downloads the poster and the paper form in Hindi, and their sentences copy as written", async ({ browser }) => {
  const page = await signIn(browser, e2eAccounts.marketer);
  await page.goto(`/demo/forms/${embedForm.id}/share`);
  await page.getByLabel("Language").selectOption("hi");
  for (const [button, kind] of [
    ["Download poster (PDF)", "poster"],
    ["Download paper form (PDF)", "paper-form"],
  ] as const) {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: button }).click()]);
    expect(download.suggestedFilename()).toBe(`embedded-${kind}-v1-hi-a4.pdf`);
    const pdf = await downloaded(download);
    await writeFile(`test-results/${kind}-hi.png`, await pdfPageToPng(pdf, 1, 80));
    // pdftotext reads each line's /ActualText: the sentence in the order it is written, conjuncts and all.
    const text = (await pdfToText(pdf)).replace(/\s+/g, " ");
    expect(text).toContain("हाँ, मुझे WhatsApp पर Acme Coffee से ऑर्डर अपडेट चाहिए।");
    expect(text).toContain("हाँ, मुझे WhatsApp पर Acme Coffee से प्रॉडक्ट सुझाव चाहिए।");
    expect(text).toContain("आप कभी भी बंद कर सकते हैं: WhatsApp पर Acme Coffee को STOP लिखकर भेजें।");
  }
});

test("a WhatsApp keyword form's share page and poster say what to send where, with no web link", async ({ browser }) => {
  const page = await signIn(browser, e2eAccounts.marketer);
  await page.goto("/demo/forms");
  await page.getByLabel("Name", { exact: true }).fill("WhatsApp COFFEE");
  await page.getByLabel("Address").fill(`wa-coffee-${Date.now()}`);
  await page.getByLabel("Where people opt in").selectOption({ label: "WhatsApp keyword" });
  await page.getByLabel("Keyword (SMS and WhatsApp forms)").fill("coffee");
  await page.getByRole("button", { name: "Create and open the builder" }).click();
  await expect(page.getByRole("heading", { name: "WhatsApp policy check" })).toBeVisible();
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Published version 1. It is live now.")).toBeVisible();
  const formId = page.url().match(/\/demo\/forms\/([0-9a-f-]{36})/)![1];
  await page.goto(`/demo/forms/${formId}/share`);
  await expect(page.getByText("Send COFFEE on WhatsApp to +1 415 555 0100", { exact: true })).toBeVisible();
  await expect(page.getByRole("textbox", { name: /^WhatsApp link/ })).toHaveValue("https://wa.me/14155550100?text=COFFEE");
  await expect(page.getByRole("img", { name: "QR code of https://wa.me/14155550100?text=COFFEE" })).toBeVisible();
  // The demo's keyword form has no web page: nothing points at one.
  await expect(page.getByRole("textbox", { name: "Public link" })).toHaveCount(0);
  await expect(page.getByRole("textbox", { name: "Embed code" })).toHaveCount(0);
  await page.screenshot({ path: "test-results/share-keyword-1280.png", fullPage: true });
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download poster (PDF)" }).click()]);
  const pdf = await downloaded(download);
  await writeFile("test-results/poster-keyword.png", await pdfPageToPng(pdf, 1, 80));
  const text = (await pdfToText(pdf)).replace(/[\s\u00a0]+/g, " ");
  expect(text).toContain("Send COFFEE on WhatsApp to +1 415 555 0100");
  expect(text).not.toContain("/f/demo/");
});

async function downloaded(download: Download): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}
