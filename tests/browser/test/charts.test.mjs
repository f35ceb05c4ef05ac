// The "often seen with" bar chart on symptom pages (issue 8), as a reader's browser draws it: an
// image named by its title, one bar per symptom in the list below it, bar lengths in proportion to
// the numbers, the numbers as text, and colours that change with the dark scheme and in print.

import { test } from "node:test";
import assert from "node:assert/strict";
import { servedSite, openPage, screenshotPath } from "../lib/harness.mjs";

const site = servedSite();

const open = (path, { scheme = "light", width = 375 } = {}) =>
  openPage(site.browser, site.server.url + path, { colorScheme: scheme, viewport: { width, height: 900 } });

/** The chart as drawn: its accessible name, bars' drawn widths and texts, and the list's counts. */
async function readChart(page) {
  return page.evaluate(() => {
    const svg = document.querySelector("svg.chart");
    const ids = svg.getAttribute("aria-labelledby").split(" ");
    return {
      role: svg.getAttribute("role"),
      name: ids.map((id) => document.getElementById(id).textContent).join(" "),
      bars: [...svg.querySelectorAll(".chart-bar")].map((r) => r.getBoundingClientRect().width),
      values: [...svg.querySelectorAll(".chart-value")].map((t) => t.textContent),
      labels: [...svg.querySelectorAll(".chart-label")].map((t) => t.textContent),
      fill: getComputedStyle(svg.querySelector(".chart-bar")).fill,
      label: getComputedStyle(svg.querySelector(".chart-label")).fill,
      width: svg.getBoundingClientRect().width,
      listed: [...svg.closest("figure").nextElementSibling.querySelectorAll("li")].map((li) => ({
        name: li.querySelector("a").textContent,
        count: Number(li.querySelector(".count").textContent.match(/\d+/)[0]),
      })),
    };
  });
}

test("the chart on a symptom page matches the list: one bar per symptom, lengths in proportion", async () => {
  const { page, problems, close } = await open("symptoms/back-spasm/");
  const chart = await readChart(page);
  assert.equal(chart.role, "img");
  assert.match(chart.name, /^Symptoms often seen with back spasm .+: \d+ shared articles?/);
  assert.ok(chart.listed.length >= 2, "back spasm is seen with several symptoms");
  assert.equal(chart.bars.length, chart.listed.length);
  assert.deepEqual(
    chart.values,
    chart.listed.map((l) => String(l.count)),
  );
  for (const l of chart.listed) {
    assert.ok(chart.labels.join(" ").includes(l.name.split(" ")[0]), `${l.name} labelled`);
    assert.ok(chart.name.includes(`${l.name}: ${l.count} shared`), `${l.name} in the text alternative`);
  }
  const max = Math.max(...chart.listed.map((l) => l.count));
  chart.listed.forEach((l, i) => {
    const ratio = chart.bars[i] / chart.bars[0];
    assert.ok(Math.abs(ratio - l.count / max) < 0.02, `bar ${i} is ${ratio} of the longest, count ${l.count}/${max}`);
  });
  assert.ok(chart.width <= 375 - 16, `fits a phone (${chart.width}px)`);
  await page.locator("figure.chart-figure").screenshot({ path: screenshotPath("chart-seen-with-375.png") });
  assert.deepEqual(problems, []);
  await close();
});

test("the chart fits a 320 px phone and follows the dark scheme and print", async () => {
  const narrow = await open("symptoms/back-spasm/", { width: 320 });
  const light = await readChart(narrow.page);
  assert.ok(light.width <= 320, `fits (${light.width}px)`);
  await narrow.page.emulateMedia({ media: "print" });
  const print = await readChart(narrow.page);
  assert.equal(print.fill, "rgb(85, 85, 85)", "grey bars on paper");
  assert.equal(print.label, "rgb(0, 0, 0)", "black text on paper");
  await narrow.close();
  const dark = await open("symptoms/back-spasm/", { scheme: "dark", width: 1280 });
  const night = await readChart(dark.page);
  assert.notEqual(night.fill, light.fill, "bars change colour in the dark scheme");
  assert.notEqual(night.label, light.label, "and so does the text");
  await dark.page.locator("figure.chart-figure").screenshot({ path: screenshotPath("chart-seen-with-dark.png") });
  assert.deepEqual(dark.problems, []);
  await dark.close();
});
