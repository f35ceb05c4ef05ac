// A reader's journeys through the served site (under /guide/): clicking from the home page through
// the symptom finder, an article, a related article and a symptom page to the A to Z; searching by
// a body word and by other names; the finder's ranking and emergency card, by mouse and keyboard;
// and what is left when JavaScript is off.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { servedSite, REPO, openPage, searchFromHeader } from "../lib/harness.mjs";

const site = servedSite();

const open = (url, options) => openPage(site.browser, url, options);

const finderBox = (page, name) =>
  page.locator("form[data-finder]").getByLabel(name, { exact: false }).first();

test("a reader clicks from home through the finder, an article, a related article and a symptom to the A to Z", async () => {
  const { page, check, close } = await open(site.server.url);
  assert.equal(await page.locator("h1").textContent(), "Back Pain and Tingling Guide");

  await page.locator("form[data-finder] label", { hasText: /^Back spasm$/ }).click();
  const results = page.locator("[data-finder-results] li");
  await results.first().waitFor();
  assert.match(await page.locator("[data-finder-status]").textContent(), /articles? match/);
  const first = results.first().locator("a");
  const articleTitle = (await first.textContent()).trim();
  await first.click();
  await page.waitForLoadState();
  assert.equal((await page.locator("h1").textContent()).trim(), articleTitle);
  assert.match(page.url(), /\/guide\/[a-z0-9-]+\/$/);

  const related = page.locator(".page-related a").first();
  const relatedTitle = (await related.textContent()).trim();
  await related.click();
  await page.waitForLoadState();
  assert.equal((await page.locator("h1").textContent()).trim(), relatedTitle);

  const symptom = page.locator(".page-symptoms a").first();
  await symptom.click();
  await page.waitForLoadState();
  assert.match(page.url(), /\/guide\/symptoms\/[a-z0-9-]+\/$/);
  assert.equal(
    await page.locator('.breadcrumbs a', { hasText: "Symptoms" }).count(),
    1,
    "a symptom page sits under the symptoms index",
  );

  await page.locator(".site-nav a", { hasText: "Symptoms A to Z" }).click();
  await page.waitForLoadState();
  assert.equal((await page.locator("h1").textContent()).trim(), "A to Z");
  assert.match(page.url(), /\/guide\/a-z\/$/);
  check();
  await close();
});

/** Searches from the header box and returns the result titles, in order. */
async function search(page, words) {
  const items = await searchFromHeader(page, words);
  return items.locator(":scope > a").allTextContents();
}

/** Articles whose Markdown body (not the front matter) contains `word`, by title. */
function articlesWithBodyWord(word) {
  const dir = path.join(REPO, "articles");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .map((f) => readFileSync(path.join(dir, f), "utf8").split(/^\+\+\+$/m))
    .filter(([, front, body]) => body.toLowerCase().includes(word) && !front.toLowerCase().includes(word))
    .map(([, front]) => front.match(/^title = "(.*)"$/m)[1]);
}

test("search finds articles by a word only in the body and by other names", async () => {
  const { page, check, close } = await open(site.server.url + "emergency/");
  const bodyOnly = articlesWithBodyWord("omeprazole");
  assert.ok(bodyOnly.length > 0, "the content has a body-only word to search for");
  const found = await search(page, "omeprazole");
  for (const title of bodyOnly) {
    assert.ok(found.includes(title), `"omeprazole" finds ${title}: ${found}`);
  }

  const paresthesia = await search(page, "paresthesia");
  assert.equal(paresthesia[0], "Tingling in the back", `${paresthesia}`);
  assert.ok(paresthesia.includes("Pins and needles and numbness in the hands, arms and feet"), `${paresthesia}`);
  // Each result says what it is, in the manifest's words: this guide's term pages are symptoms.
  const kindOf = (href) =>
    page.locator(`#search-results li:has(> a[href$="${href}"]) .result-kind`).first().textContent();
  assert.equal((await kindOf("symptoms/back-tingling/")).trim(), "Symptom");
  assert.equal((await kindOf("pins-and-needles-and-numbness/")).trim(), "Article");
  const cobalamin = await search(page, "cobalamin");
  assert.equal(cobalamin[0], "Vitamin B12 deficiency", `${cobalamin}`);
  assert.match(await page.locator("#search-status").textContent(), /found for .cobalamin/);

  // A result is a working link to the page, relative to the page the reader is on.
  await page.locator("#search-results li > a").first().click();
  await page.waitForLoadState();
  assert.equal(page.url(), site.server.url + "vitamin-b12-deficiency/");

  const nothing = await search(page, "xylophone");
  assert.deepEqual(nothing, []);
  assert.match(await page.locator("#search-heading").textContent(), /No pages found/);
  await page.keyboard.press("Escape");
  assert.equal(await page.locator("#search-panel").isVisible(), false, "Escape closes the results");
  assert.equal(await page.evaluate(() => document.activeElement.id), "site-search-q", "focus returns to the box");
  check();
  await close();
});

test("search results are built as text: markup in a query is shown, never run", async () => {
  const { page, check, close } = await open(site.server.url);
  await search(page, '<img src=x onerror="window.pwned=1">');
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(await page.locator("#search-panel img").count(), 0);
  check();
  await close();
});

test("the finder ranks articles by how many ticked symptoms they cover", async () => {
  const { page, check, close } = await open(site.server.url);
  for (const name of ["Tingling in the back", "Burning feeling", "Burning or tingling skin with a rash on one side (shingles)"]) {
    await finderBox(page, name).check();
  }
  await page.waitForFunction(() => /symptoms you ticked/.test(document.querySelector("[data-finder-status]").textContent));
  const counts = await page
    .locator("[data-finder-results] .result-match")
    .evaluateAll((els) => els.map((e) => Number(e.textContent.match(/Covers (\d+)/)[1])));
  assert.ok(counts.length > 0);
  assert.deepEqual(counts, [...counts].sort((a, b) => b - a), "most covered first");
  assert.equal(counts[0], 3, "an article covers all three");

  // The articles of the ticked symptoms, from the parts the page loaded (gaps undone).
  const ticked = ["back-tingling", "burning-pain", "burning-rash"];
  const expected = await page.evaluate((slugs) => {
    const all = new Set();
    for (const slug of slugs) {
      for (let k = 0; k < window.healthkbFinder.s[slug]; k++) {
        let sum = 0;
        for (const gap of window.healthkbFinderParts[`s/${slug}.${k}`]) {
          sum += gap;
          all.add(sum);
        }
      }
    }
    return all.size;
  }, ticked);
  assert.equal(counts.length, Math.min(expected, 20), "every article with any ticked symptom is listed, up to 20");
  assert.match(
    await page.locator("[data-finder-status]").textContent(),
    new RegExp(`^${expected} articles match the 3 symptoms you ticked\\.`),
  );
  assert.equal(await page.locator("[data-finder-emergency]").isVisible(), false);

  await page.locator("form[data-finder] button[type=reset]").click();
  await page.waitForFunction(() => !document.querySelector("[data-finder-results] li"));
  check();
  await close();
});

test("ticking an emergency symptom shows the emergency card at once, by mouse and by keyboard", async () => {
  const { page, check, close } = await open(site.server.url);
  const card = page.locator("[data-finder-emergency]");
  assert.equal(await card.isVisible(), false);
  await finderBox(page, "Loss of bladder or bowel control").check();
  assert.equal(await card.isVisible(), true);
  assert.match(await card.textContent(), /Call 911 now/);
  assert.match(await card.textContent(), /Loss of bladder or bowel control/);
  assert.match(await page.locator("[data-finder-status]").textContent(), /^Emergency sign ticked: call 911 now\./);
  assert.equal(await page.locator("[data-finder-status]").getAttribute("aria-live"), "polite");
  await finderBox(page, "Loss of bladder or bowel control").uncheck();
  assert.equal(await card.isVisible(), false);

  // Keyboard only: Tab into the first emergency checkbox, Space ticks it.
  const firstBox = page.locator(".finder-group-emergency input").first();
  await firstBox.focus();
  await page.keyboard.press("Space");
  assert.equal(await firstBox.isChecked(), true);
  assert.equal(await card.isVisible(), true);
  await page.keyboard.press("Tab");
  assert.equal(
    await page.evaluate(() => document.activeElement.closest("fieldset")?.querySelector("legend")?.textContent),
    "Signs that need help now",
    "Tab moves through the checkboxes in order",
  );
  check();
  await close();
});

test("the finder is a real form: fieldsets with legends and labelled checkboxes", async () => {
  const { page, close } = await open(site.server.url);
  const unlabelled = await page.locator("form[data-finder] input[type=checkbox]").evaluateAll((boxes) =>
    boxes.filter((b) => !b.labels || b.labels.length !== 1).map((b) => b.id),
  );
  assert.deepEqual(unlabelled, []);
  assert.equal(await page.locator("form[data-finder] fieldset > legend").count(), 2);
  const count = await page.locator("form[data-finder] input[type=checkbox]").count();
  assert.equal(count, 37, "every symptom can be ticked");
  await close();
});

test("the print button prints, and is a button", async () => {
  const { page, check, close } = await open(site.server.url + "back-spasm/");
  await page.evaluate(() => {
    window.print = () => {
      window.printed = true;
    };
  });
  const button = page.getByRole("button", { name: "Print this page" });
  await button.click();
  assert.equal(await page.evaluate(() => window.printed), true);
  check();
  await close();
});

test("without JavaScript every page still reads and navigates; search and finder give way to links", async () => {
  const { page, close } = await open(site.server.url, { javaScriptEnabled: false });
  assert.equal(await page.locator("form[data-finder]").isVisible(), false, "no dead checkboxes");
  assert.equal(await page.locator("form[data-search]").isVisible(), false, "no dead search box");
  const fallback = page.locator("[data-finder-fallback]");
  assert.equal(await fallback.isVisible(), true);
  await fallback.locator("a", { hasText: "list of all symptoms" }).click();
  await page.waitForLoadState();
  assert.equal((await page.locator("h1").textContent()).trim(), "Symptoms");
  await page.locator(".symptom-list a", { hasText: "Back spasm" }).click();
  await page.waitForLoadState();
  await page.locator(".link-list a").first().click();
  await page.waitForLoadState();
  assert.equal(await page.getByRole("button", { name: "Print this page" }).isVisible(), false);
  assert.ok((await page.locator(".body p").count()) > 3, "the article reads in full");
  await close();
});
