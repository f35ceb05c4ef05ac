// Search on a site whose taxonomies set no `finder` (this guide, its two taxonomies declared
// without it): its home page has no finder, so a search that finds nothing, or cannot load,
// offers the A to Z alone and never links to the missing #finder. The search manifest says
// `"finder": false` (site.js has no other way to know); this guide's manifest leaves it out, and
// its offer of the finder is checked in search-quality.test.mjs.

import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { REPO, servedBuild, openPage } from "../lib/harness.mjs";

const TAXONOMIES = `
[[taxonomies]]
name = "symptoms"
key = "symptoms"
terms = "articles/symptoms.toml"
segment = "symptoms"
template = "symptom.html"
index_template = "symptoms.html"
related = true
emergency = true
search = true
a_to_z = true

[[taxonomies]]
name = "regions"
key = "regions"
terms = "articles/regions.toml"
segment = "regions"
template = "region.html"
map = true
a_to_z = true
`;

const site = servedBuild("healthkb-search-no-finder-", (folder) => {
  const root = path.join(folder, "site");
  for (const part of ["articles", "templates", "i18n", "static"]) {
    cpSync(path.join(REPO, part), path.join(root, part), { recursive: true });
  }
  const config = readFileSync(path.join(REPO, "site.toml"), "utf8");
  assert.doesNotMatch(config, /\[\[taxonomies\]\]/, "the guide declares none");
  writeFileSync(path.join(root, "site.toml"), `${config}${TAXONOMIES}`);
  return root;
});

/** What a reader is offered after the results: [text, href] of each link. */
function offered(page) {
  return page.locator("#search-elsewhere a").evaluateAll((links) =>
    links.map((a) => [a.textContent, a.getAttribute("href")]));
}

test("with no finder, a search that finds nothing offers the A to Z alone", async () => {
  const { page, check, close } = await openPage(site.browser, `${site.server.url}sciatica/`);
  const box = page.locator("#site-search-q");
  await box.fill("qqqzzzxw");
  await box.press("Enter");
  await page.waitForFunction(() => document.getElementById("search-heading").textContent.startsWith("No pages found"));
  assert.equal(
    await page.locator("#search-heading").textContent(),
    "No pages found for \u201cqqqzzzxw\u201d. Try another word or the A to Z.",
  );
  assert.deepEqual(await offered(page), [["Browse the A to Z", "../a-z/"]]);
  assert.equal(await page.locator('a[href*="#finder"]').count(), 0, "no link to a finder");
  check();
  await close();
});

test("with no finder, a search that cannot load offers the A to Z alone", async () => {
  const { page, close } = await openPage(site.browser, site.server.url);
  await page.route("**/search/index.js", (route) => route.abort());
  const box = page.locator("#site-search-q");
  await box.fill("sciatica");
  await box.press("Enter");
  await page.waitForFunction(() => document.getElementById("search-heading").textContent.startsWith("Search could not load"));
  assert.deepEqual(await offered(page), [["Browse the A to Z", "a-z/"]]);
  await close();
});
