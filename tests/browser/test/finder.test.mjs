// The symptom finder answers as the reader ticks: at 375 px the summary bar (count, link to the
// results and, for an emergency sign, the number to call) stays on screen and is announced
// politely; an emergency sign shows the emergency card at once. Saves the finder after a tick.

import { test } from "node:test";
import assert from "node:assert/strict";
import { servedSite, openPage, screenshotPath } from "../lib/harness.mjs";

const site = servedSite();

/** How many results the finder lists (`finder::TOP`). */
const TOP = 20;

/** True when the element is wholly inside the viewport now. */
const onScreen = (locator) =>
  locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight + 0.5;
  });

for (const width of [320, 375]) {
  test(`at ${width} px ticking a symptom shows the count and the way to the results on screen`, async () => {
    const { page, check, close } = await openPage(site.browser, site.server.url, { viewport: { width, height: 700 } });
    const box = page.locator("form[data-finder] input[value=back-pain]");
    await box.scrollIntoViewIfNeeded();
    await box.check();
    const bar = page.locator("[data-finder-bar]");
    const status = page.locator("[data-finder-status]");
    await page.waitForFunction(() => /match/.test(document.querySelector("[data-finder-status]").textContent));
    assert.equal(await onScreen(bar), true, "the summary bar is on screen right after the tick");
    assert.equal(await status.getAttribute("aria-live"), "polite");
    assert.equal(await status.getAttribute("role"), "status");
    const results = await page.locator("[data-finder-results] li").count();
    assert.ok(results > 0);
    const [, total] = (await status.textContent()).match(/^(\d+) articles? match the 1 symptom you ticked\.( The first \d+ are shown\.)?$/);
    assert.equal(results, Math.min(Number(total), TOP), "the first results are listed");
    const link = page.locator("[data-finder-jump-link]");
    assert.equal(await link.textContent(), `See ${total} matching article${total === "1" ? "" : "s"}`);
    const barHeight = (await bar.boundingBox()).height;
    assert.ok(barHeight <= 160, `the bar takes ${barHeight} px of a ${width} px wide screen`);
    if (width === 375) {
      await page.screenshot({ path: screenshotPath("finder-after-tick-375.png") });
    }
    await link.click();
    await page.waitForFunction(() => document.activeElement?.id === "finder-results");
    // The page scrolls smoothly: wait until the results heading has arrived at the top.
    await page.waitForFunction(() => Math.abs(document.getElementById("finder-results").getBoundingClientRect().top) < 40);
    assert.equal(await onScreen(page.locator("[data-finder-results] li").first()), true, "the link leads to the results");
    check();
    await close();
  });
}

test("at 375 px an emergency sign shows the emergency card at once and the bar gives the number to call", async () => {
  const { page, check, close } = await openPage(site.browser, site.server.url, { viewport: { width: 375, height: 700 } });
  const sign = page.locator("form[data-finder] .finder-group-emergency input").first();
  await sign.scrollIntoViewIfNeeded();
  await sign.check();
  const card = page.locator("[data-finder-emergency]");
  assert.equal(await card.isVisible(), true, "the card shows with no other step");
  const call = page.locator("[data-finder-call]");
  assert.equal(await call.getAttribute("href"), "tel:911");
  assert.equal(await onScreen(call), true, "the number to call is on screen");
  assert.match(await page.locator("[data-finder-status]").textContent(), /^Emergency sign ticked: call 911 now\./);
  assert.equal(await page.locator("[data-finder-bar]").evaluate((b) => b.classList.contains("finder-bar-emergency")), true);
  await sign.uncheck();
  assert.equal(await card.isVisible(), false);
  assert.equal(await call.isVisible(), false);
  check();
  await close();
});

test("at 1,280 px the results panel and the bar both answer the tick", async () => {
  const { page, check, close } = await openPage(site.browser, site.server.url);
  const box = page.locator("form[data-finder] input[value=back-pain]");
  await box.scrollIntoViewIfNeeded();
  await box.check();
  await page.locator("[data-finder-results] li").first().waitFor();
  assert.equal(await onScreen(page.locator("[data-finder-results] li").first()), true, "the first result is beside the list");
  assert.match(await page.locator("[data-finder-count]").textContent(), /articles? match/);
  assert.equal(await onScreen(page.locator("[data-finder-bar]")), true);
  check();
  await close();
});

/** The finder files `page` asks for from now on, as paths under the site (`finder/...`). */
function finderRequests(page) {
  const seen = [];
  page.on("request", (req) => {
    const at = req.url().indexOf("/guide/finder/");
    if (at >= 0) seen.push(req.url().slice(at + "/guide/".length));
  });
  return seen;
}

test("the finder loads only its index up front, then a ticked symptom's part and the chunks of its results, under the subpath", async () => {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const seen = finderRequests(page);
  await page.goto(site.server.url);
  await page.waitForLoadState("load");
  assert.deepEqual(seen, ["finder/index.js"], "nothing but the index before the first tick");
  await page.locator("form[data-finder] input[value=back-pain]").check();
  await page.locator("[data-finder-results] li").first().waitFor();
  assert.deepEqual(
    seen.slice(1).sort(),
    ["finder/a/0.js", "finder/s/back-pain.0.js"],
    "the symptom's part and the one chunk of this small site",
  );
  const loaded = seen.length;
  await page.locator("form[data-finder] input[value=back-spasm]").check();
  await page.waitForFunction(() => /2 symptoms you ticked/.test(document.querySelector("[data-finder-status]").textContent));
  assert.deepEqual(seen.slice(loaded), ["finder/s/back-spasm.0.js"], "a second tick loads only the new part");
  assert.equal(await page.locator("script[src*='finder/s/'], script[src*='finder/a/']").count(), 0, "the loading scripts are removed");
  await context.close();
});

test("while a part loads the count says so; if it fails the finder says so and links to the symptom pages, and the emergency card needs no download", async () => {
  const { page, close } = await openPage(site.browser, site.server.url);
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route("**/finder/s/**", async (route) => {
    await held;
    await route.abort();
  });
  await page.locator("form[data-finder] input[value=back-pain]").check();
  await page.waitForFunction(() => /^Loading the articles for Back pain/.test(document.querySelector("[data-finder-count]").textContent));
  assert.equal(await page.locator("[data-finder-status]").textContent(), "Loading the articles for your symptoms…");
  const sign = page.locator("form[data-finder] .finder-group-emergency input").first();
  await sign.check();
  assert.equal(await page.locator("[data-finder-emergency]").isVisible(), true, "the card shows while the parts are held back");
  assert.match(await page.locator("[data-finder-status]").textContent(), /^Emergency sign ticked: call 911 now\. Loading/);
  release();
  const note = page.locator("[data-finder-note]");
  await note.waitFor();
  assert.match(await page.locator("[data-finder-count]").textContent(), /could not be loaded/);
  assert.match(await page.locator("[data-finder-status]").textContent(), /^Emergency sign ticked: call 911 now\. The list of matching articles could not be loaded\./);
  const links = await note.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  assert.equal(links.length, 2);
  assert.ok(links.includes("symptoms/back-pain/"), links.join(" "));
  assert.equal(await page.locator("[data-finder-results] li").count(), 0);
  assert.equal(await page.locator("[data-finder-jump-link]").isVisible(), false);
  // Once the files can load again, the next tick tries again.
  await page.unroute("**/finder/s/**");
  await sign.uncheck();
  await page.locator("[data-finder-results] li").first().waitFor();
  assert.doesNotMatch(await page.locator("[data-finder-count]").textContent(), /could not/);
  assert.doesNotMatch(await note.textContent(), /instead/);
  await close();
});
