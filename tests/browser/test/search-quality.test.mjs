// The search quality set (tests/search-queries.json): every query goes through the real search
// box on the built real site, and at least 90% must have an expected page in the top 5. The
// misses are printed. Each entry is {"query", "expect": [URLs from the site root], "why"}.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { servedSite, REPO, openPage } from "../lib/harness.mjs";

const site = servedSite();
const QUERIES = JSON.parse(readFileSync(path.join(REPO, "tests", "search-queries.json"), "utf8"));

test("the quality set has at least 40 queries of every kind, each with expected pages", () => {
  assert.ok(QUERIES.length >= 40, `${QUERIES.length} queries`);
  for (const kind of ["exact", "other name", "lay term", "typo", "UK/US", "two words"]) {
    assert.ok(QUERIES.some((q) => q.why.includes(kind)), kind);
  }
  for (const q of QUERIES) {
    assert.ok(q.query && q.expect.length > 0 && q.why, JSON.stringify(q));
  }
});

test("at least 90% of the quality set finds an expected page in the top 5", async () => {
  const { page, check, close } = await openPage(site.browser, site.server.url);
  const box = page.locator("#site-search-q");
  const misses = [];
  for (const { query, expect, why } of QUERIES) {
    // A fresh page for each query: results must not depend on shards an earlier query loaded.
    await page.goto(site.server.url);
    await box.fill(query);
    await box.press("Enter");
    await page.waitForFunction(
      (q) => document.getElementById("search-heading").textContent.includes(`\u201c${q}\u201d`),
      query,
    );
    const top = await page
      .locator("#search-results li > a")
      .evaluateAll((links) => links.slice(0, 5).map((a) => a.getAttribute("href")));
    // Links are relative to the home page: "sciatica/" or "./".
    const urls = top.map((href) => href.replace(/^\.\//, ""));
    if (!expect.some((url) => urls.includes(url))) {
      misses.push(`${query} (${why}): got ${urls.join(", ") || "nothing"}`);
    }
    assert.equal(await box.inputValue(), query, "the query stays in the box");
  }
  const rate = (QUERIES.length - misses.length) / QUERIES.length;
  console.log(`search quality: ${QUERIES.length - misses.length}/${QUERIES.length} in the top 5 (${(rate * 100).toFixed(1)}%)`);
  for (const miss of misses) {
    console.log(`  miss: ${miss}`);
  }
  assert.ok(rate >= 0.9, `top-5 rate ${rate}: ${misses.join("; ")}`);
  check();
  await close();
});

test("a search that finds nothing says so and offers the A to Z and the finder; results are reached by keyboard", async () => {
  const { page, check, close } = await openPage(site.browser, `${site.server.url}sciatica/`);
  const box = page.locator("#site-search-q");
  await box.fill("qqqzzzxw");
  await box.press("Enter");
  await page.waitForFunction(() => document.getElementById("search-heading").textContent.startsWith("No pages found"));
  assert.match(await page.locator("#search-status").textContent(), /No pages found for \u201cqqqzzzxw\u201d/, "the live region says so");
  const offered = await page.locator("#search-elsewhere a").evaluateAll((links) =>
    links.map((a) => [a.textContent, a.getAttribute("href")]));
  assert.deepEqual(offered, [["Browse the A to Z", "../a-z/"], ["find pages by symptom", "../#finder"]]);
  assert.equal(await box.inputValue(), "qqqzzzxw", "the query stays in the box");

  await box.fill("sciatica");
  await box.press("Enter");
  // "No pages found for" also matches "pages found for": wait for a count, or
  // this check races the search it waits for.
  await page.waitForFunction(() => /^\d+ pages? found for/.test(document.getElementById("search-heading").textContent));
  assert.equal(await page.locator("#search-elsewhere").isHidden(), true, "no offer once results are found");
  assert.equal(await page.evaluate(() => document.activeElement.id), "search-heading", "focus moves to the results");
  await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => [document.activeElement.tagName, document.activeElement.closest("#search-results") !== null]);
  assert.deepEqual(focused, ["A", true], "Tab from the heading reaches the first result");
  check();
  await close();
});
