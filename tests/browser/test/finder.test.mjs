// The symptom finder answers as the reader ticks: at 375 px the summary bar (count, link to the
// results and, for an emergency sign, the number to call) stays on screen and is announced
// politely; an emergency sign shows the emergency card at once. Saves the finder after a tick.

import { test } from "node:test";
import assert from "node:assert/strict";
import { servedSite, openPage, screenshotPath } from "../lib/harness.mjs";

const site = servedSite();

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
    assert.match(await status.textContent(), new RegExp(`^${results} articles? match the 1 symptom you ticked\\.$`));
    const link = page.locator("[data-finder-jump-link]");
    assert.equal(await link.textContent(), `See ${results} matching article${results === 1 ? "" : "s"}`);
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
