// Shared care advice on the served site: the emergency number is a tel: link (digits only) on an
// article's care card and on the emergency page; the emergency page says each sign once, grouped,
// with the articles that list it, and fits two phone screens.

import { test } from "node:test";
import assert from "node:assert/strict";
import { servedSite, openPage, screenshotPath } from "../lib/harness.mjs";

const site = servedSite();

const open = (url, options) => openPage(site.browser, url, options);

test("an article's emergency care card calls the emergency number through a tel: link", async () => {
  const { page, check, close } = await open(site.server.url + "back-spasm/");
  const call = page.locator("section.care-emergency h2 a");
  assert.equal(await call.count(), 1);
  assert.equal(await call.getAttribute("href"), "tel:911");
  assert.equal((await call.textContent()).trim(), "911");
  assert.match(await page.locator("section.care-emergency h2").textContent(), /Call 911 now if:/);
  const items = await page.locator("section.care-emergency li").allTextContents();
  assert.ok(items.includes("you have pain, tingling, numbness or weakness in both legs"), items.join(" | "));
  assert.match(await page.locator("section.care-urgent .care-body > p").textContent(), /or contact an urgent care center\.$/);
  check();
  await close();
});

test("the emergency page links the number with tel:, says each sign once and leads to the articles", async () => {
  const phone = { viewport: { width: 390, height: 844 } };
  const { page, check, close } = await open(site.server.url + "emergency/", phone);
  const call = page.locator("section.care-emergency h2 a");
  assert.equal(await call.getAttribute("href"), "tel:911");
  assert.match(await call.getAttribute("href"), /^tel:\d+$/, "digits only");
  const groups = await page.locator("h3.sign-group").allTextContents();
  assert.equal(groups.length, 3, groups.join(" | "));
  const signs = (await page.locator("ul.signs > li").evaluateAll((lis) =>
    lis.map((li) => li.firstChild.textContent.trim()),
  ));
  assert.ok(signs.length >= 6, signs.join(" | "));
  assert.equal(new Set(signs).size, signs.length, `a sign is repeated: ${signs.join(" | ")}`);

  const top = await page.locator("h1").evaluate((h) => h.getBoundingClientRect().top + window.scrollY);
  const bottom = await page.locator("section.care-emergency").evaluate((s) => s.getBoundingClientRect().bottom + window.scrollY);
  assert.ok(bottom - top <= 2 * 844, `the emergency signs take ${Math.round(bottom - top)} px, more than two phone screens`);
  await page.screenshot({ path: screenshotPath("emergency-phone.png"), fullPage: true });

  const pointer = page.locator("p.sign-pages a");
  assert.ok((await pointer.count()) > 0, "the pages with signs of their own are linked");
  const first = page.locator("details.sign-articles").first();
  await first.locator("summary").click();
  const article = first.locator("a").first();
  await article.waitFor();
  const title = (await article.textContent()).trim();
  await article.click();
  await page.waitForLoadState();
  assert.equal((await page.locator("h1").textContent()).trim(), title);
  check();
  await close();
});

test("a symptom page shows the shared advice tagged with it, with the same words", async () => {
  const { page, check, close } = await open(site.server.url + "symptoms/bladder-bowel-loss/");
  const items = await page.locator("section.care-emergency li").allTextContents();
  assert.ok(items.includes("you suddenly find it hard to pee, or you cannot control when you pee or poo"), items.join(" | "));
  assert.equal(await page.locator("section.care-emergency h2 a").getAttribute("href"), "tel:911");
  check();
  await close();
});
