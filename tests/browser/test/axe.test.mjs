// axe-core on every generated page, in light and dark colour schemes, with the WCAG 2.2 A and AA
// rules; plus the states scripts create (finder results and emergency card, search results).
// Any violation fails the test.

import { test } from "node:test";
import assert from "node:assert/strict";
import { AxeBuilder } from "@axe-core/playwright";
import { servedSite } from "../lib/harness.mjs";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const SCHEMES = ["light", "dark"];

const site = servedSite();

/** "rule-id (impact): target, target" lines for each violation. */
function describe(violations) {
  return violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
}

/**
 * Waits until the page has stopped scrolling: focus moves (the search heading, the finder's
 * results) scroll the page, and axe measures targets where they are, so a check in mid-scroll
 * sees checkboxes passing under the finder's sticky bar that no reader is left with. The scroll
 * position must stay the same for a quarter of a second (a loaded machine starts a scroll late).
 */
async function settled(page) {
  let last = null;
  let same = 0;
  for (let i = 0; i < 200 && same < 5; i++) {
    const y = await page.evaluate(() => window.scrollY);
    same = y === last ? same + 1 : 0;
    last = y;
    await page.waitForTimeout(50);
  }
}

async function check(page, label) {
  await settled(page);
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  assert.ok(results.passes.length > 10, `${label}: axe ran its rules`);
  return describe(results.violations).map((line) => `${label}: ${line}`);
}

for (const scheme of SCHEMES) {
  test(`axe finds no WCAG 2.2 A/AA violations on any page (${scheme})`, async () => {
    const context = await site.browser.newContext({ colorScheme: scheme });
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    const found = [];
    for (const p of site.pages) {
      await page.goto(site.server.url + p);
      found.push(...(await check(page, p || "home")));
    }
    await context.close();
    assert.deepEqual(found, []);
  });

  test(`axe finds no violations in the finder and search states (${scheme})`, async () => {
    // Reduced motion: focus moves jump instead of scrolling smoothly, so each state is checked
    // where it ends (the layout is the same either way).
    const context = await site.browser.newContext({
      colorScheme: scheme,
      reducedMotion: "reduce",
      viewport: { width: 375, height: 800 },
    });
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(site.server.url);
    await page.locator(".finder-group-emergency input").first().check();
    await page.locator("form[data-finder] input[value=back-pain]").check();
    await page.locator("[data-finder-emergency]").waitFor({ state: "visible" });
    const found = await check(page, "home with ticks");
    await page.locator("#site-search-q").fill("tingling");
    await page.locator("#site-search-q").press("Enter");
    await page.locator("#search-results li").first().waitFor();
    await page.waitForFunction(() => document.activeElement?.id === "search-heading");
    found.push(...(await check(page, "home with search results")));
    await page.locator("#site-search-q").focus();
    found.push(...(await check(page, "focused search box")));
    await context.close();
    assert.deepEqual(found, []);
  });
}
