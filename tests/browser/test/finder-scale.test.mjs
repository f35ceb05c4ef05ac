// The symptom finder with its data in parts on a generated site (benches/gen_corpus.py, 2,000
// articles, Zipf-distributed symptoms): a common symptom lists the first 20 of its many articles,
// says how many match in all and links to its page; two symptoms rank the articles with both
// first, then by title; every finder file a tick loads is small.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { REPO, servedBuild, openPage } from "../lib/harness.mjs";

const corpus = servedBuild("healthkb-finder-scale-", (folder) => {
  const gen = spawnSync("python3", [path.join(REPO, "benches", "gen_corpus.py"), "--n", "2000", "--out", folder], {
    encoding: "utf8",
  });
  assert.equal(gen.status, 0, gen.stderr);
  return path.join(folder, "ours");
});

/** Slugs of the symptoms, most articles first (by the size of their parts on disk). */
function symptomsByPartSize() {
  const dir = path.join(corpus.dir, "finder", "s");
  const sizes = {};
  for (const file of readdirSync(dir)) {
    const slug = file.replace(/\.\d+\.js$/, "");
    sizes[slug] = (sizes[slug] || 0) + statSync(path.join(dir, file)).size;
  }
  return Object.keys(sizes).sort((a, b) => sizes[b] - sizes[a] || (a < b ? -1 : 1));
}

test("a common symptom lists the first 20 articles, says how many match in all and links to its page", async () => {
  const { page, check, close } = await openPage(corpus.browser, corpus.server.url);
  const requested = [];
  page.on("request", (req) => requested.push(req.url().slice(req.url().indexOf("/guide/") + "/guide/".length)));
  const [common] = symptomsByPartSize();
  await page.locator(`form[data-finder] input[value="${common}"]`).check();
  await page.waitForFunction(() => /you ticked/.test(document.querySelector("[data-finder-status]").textContent));
  const status = await page.locator("[data-finder-status]").textContent();
  const [, total] = status.match(/^([\d,]+) articles match the 1 symptom you ticked\. The first 20 are shown\.$/);
  assert.ok(Number(total.replace(/,/g, "")) > 200, status);
  assert.equal(await page.locator("[data-finder-results] li").count(), 20);
  assert.equal(await page.locator("[data-finder-jump-link]").textContent(), `See ${total} matching articles`);
  const note = page.locator("[data-finder-note]");
  assert.match(await note.textContent(), /^See them all on the symptom pages:/);
  assert.equal(await note.locator("a").getAttribute("href"), `symptoms/${common}/`);
  const titles = await page.locator("[data-finder-results] li > a").allTextContents();
  assert.ok(titles.length === 20 && titles.every((t) => t.length > 0));
  for (const file of requested) {
    const gzip = gzipSync(readFileSync(path.join(corpus.dir, file))).length;
    assert.ok(gzip < 100 * 1024, `${file} is ${gzip} bytes gzipped`);
  }
  assert.ok(requested.length <= 3, `a common symptom's first results are in one or two chunks: ${requested}`);
  check();
  await close();
});

test("two symptoms rank the articles with both first, then by title, over every chunk", async () => {
  const { page, check, close } = await openPage(corpus.browser, corpus.server.url);
  const [first, second] = symptomsByPartSize();
  await page.locator(`form[data-finder] input[value="${first}"]`).check();
  await page.locator(`form[data-finder] input[value="${second}"]`).check();
  await page.waitForFunction(() => /2 symptoms you ticked/.test(document.querySelector("[data-finder-status]").textContent));
  const covers = await page
    .locator("[data-finder-results] .result-match")
    .evaluateAll((els) => els.map((e) => Number(e.textContent.match(/Covers (\d+)/)[1])));
  assert.deepEqual(covers, [...covers].sort((a, b) => b - a), "more ticked symptoms first");
  assert.equal(covers[0], 2);
  // Expected from the data itself: the positions (title order) of each symptom's articles.
  const expected = await page.evaluate(([a, b]) => {
    const decode = (slug) => {
      const out = [];
      for (let k = 0; k < window.healthkbFinder.s[slug]; k++) {
        let sum = 0;
        for (const gap of window.healthkbFinderParts[`s/${slug}.${k}`]) out.push((sum += gap));
      }
      return out;
    };
    const one = decode(a);
    const two = new Set(decode(b));
    const both = one.filter((p) => two.has(p));
    return { both: both.length, union: new Set([...one, ...two]).size, first: both.slice(0, 20) };
  }, [first, second]);
  assert.match(
    await page.locator("[data-finder-status]").textContent(),
    new RegExp(`^${expected.union.toLocaleString("en-GB")} articles match the 2 symptoms you ticked\\.`),
  );
  // The article at position p is entry p % chunk of chunk floor: look the titles up the same way.
  const wanted = await page.evaluate((positions) => {
    const starts = [0];
    for (const size of window.healthkbFinder.a) starts.push(starts[starts.length - 1] + size);
    return positions.map((p) => {
      let k = 0;
      while (starts[k + 1] <= p) k++;
      return window.healthkbFinderParts[`a/${k}`][p - starts[k]][0];
    });
  }, expected.first);
  const shown = await page.locator("[data-finder-results] li > a").allTextContents();
  assert.deepEqual(shown.slice(0, wanted.length), wanted, "articles with both, in title order");
  check();
  await close();
});
