// The small things a reader notices: one A to Z line per name, the "often seen with" chart using
// its width with readable labels, back-map labels of at least 16 px with underlines that end with
// their words, one search box on the 404 page, and no layout shift when the scripts run
// (cumulative layout shift measured with a PerformanceObserver in Chromium).

import { test } from "node:test";
import assert from "node:assert/strict";
import { servedSite, openPage } from "../lib/harness.mjs";

const site = servedSite();

const open = (path, width = 375, options = {}) =>
  openPage(site.browser, site.server.url + path, { viewport: { width, height: 800 }, ...options });

test("the A to Z lists each name once", async () => {
  const { page, check, close } = await open("a-z/", 1280);
  const labels = await page.locator(".az-list > li").evaluateAll((lis) =>
    lis.map((li) => li.firstElementChild.textContent.trim().toLowerCase()),
  );
  assert.ok(labels.length > 100, `${labels.length} lines`);
  const twice = labels.filter((l, i) => labels.indexOf(l) !== i);
  assert.deepEqual(twice, [], "names listed more than once");
  const spasm = page.locator(".az-list > li", { hasText: /^Back spasm/ });
  assert.equal(await spasm.count(), 1);
  assert.equal(await spasm.locator("a").count(), 2, "the article and the symptom page share one line");
  check();
  await close();
});

for (const width of [320, 375, 1280]) {
  test(`at ${width} px the chart uses its width and the chart and map labels are at least 16 px`, async () => {
    const { page, check, close } = await open("symptoms/back-spasm/", width);
    const chart = await page.evaluate(() => {
      const svg = document.querySelector("svg.chart");
      const figure = svg.closest("figure").getBoundingClientRect().width;
      const labels = [...svg.querySelectorAll(".chart-label, .chart-value")].map(
        (t) => parseFloat(getComputedStyle(t).fontSize) * (svg.getScreenCTM()?.a ?? 1),
      );
      const longest = Math.max(...[...svg.querySelectorAll(".chart-bar")].map((r) => r.getBoundingClientRect().width));
      return { width: svg.getBoundingClientRect().width, figure, smallest: Math.min(...labels), longest };
    });
    assert.ok(chart.width >= chart.figure - 1, `the chart is ${chart.width} px of ${chart.figure} px`);
    assert.ok(chart.longest >= 0.8 * chart.width, `the longest bar is ${chart.longest} px of ${chart.width}`);
    assert.ok(chart.smallest >= 16, `chart text at ${chart.smallest} px`);

    await page.goto(site.server.url);
    const map = await page.evaluate(() => {
      const svg = document.querySelector("svg.back-map-svg");
      const scale = svg.getScreenCTM().a;
      return [...svg.querySelectorAll(".bm-label")].map((t) => ({
        text: t.textContent.replace(/\s+/g, " ").trim(),
        px: parseFloat(getComputedStyle(t).fontSize) * scale,
        own: getComputedStyle(t).textDecorationLine,
        words: [...t.querySelectorAll("tspan")].map((s) => getComputedStyle(s).textDecorationLine),
      }));
    });
    assert.equal(map.length, 8);
    for (const label of map) {
      assert.ok(label.px >= 16, `${label.text}: ${label.px.toFixed(1)} px`);
      assert.equal(label.own, "none", `${label.text}: the space between lines is not underlined`);
      assert.ok(label.words.length >= 1 && label.words.every((d) => d === "underline"), `${label.text}: every word group underlined`);
    }
    check();
    await close();
  });
}

test("the 404 page shows one search box on a phone and on a wide screen", async () => {
  for (const width of [375, 1280]) {
    const context = await site.browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    const response = await page.goto(site.server.url + "no-such-page/");
    assert.equal(response.status(), 404);
    const boxes = await page.locator("input[type=search]").evaluateAll((inputs) => inputs.filter((i) => i.getClientRects().length > 0).length);
    assert.equal(boxes, 1, `${width} px: ${boxes} search boxes`);
    await context.close();
  }
});

/** The page's cumulative layout shift, from load until the scripts have run and settled. */
async function layoutShift(path, width) {
  const context = await site.browser.newContext({ viewport: { width, height: 800 } });
  await context.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (!entry.hadRecentInput) {
          window.__shift += entry.value;
        }
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
  const page = await context.newPage();
  await page.goto(site.server.url + path, { waitUntil: "load" });
  await page.waitForTimeout(400);
  const shift = await page.evaluate(() => window.__shift);
  await context.close();
  return shift;
}

test("no layout shift when the scripts run (home, an article, a symptom, the A to Z, the 404 page)", async () => {
  const results = [];
  for (const width of [375, 1280]) {
    for (const path of ["", "vitamin-b12-deficiency/", "symptoms/back-spasm/", "a-z/", "emergency/", "no-such-page/"]) {
      const shift = await layoutShift(path, width);
      results.push(`${width} px /${path}: ${shift.toFixed(4)}`);
      assert.ok(shift < 0.01, `${width} px /${path}: cumulative layout shift ${shift.toFixed(4)}`);
    }
  }
  console.log(`layout shift: ${results.join("; ")}`);
});
