// Long lists split into pages (the real site with `page_size = 10`, so the A to Z, the references
// and the longest symptom page take several): the pagination is a labelled navigation that says
// "Page N of M", marks the current page, is usable by keyboard alone and passes axe; every page
// of a list links its letters and kinds of source to the page that holds them.

import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { REPO, BASE_URL, servedBuild, watch } from "../lib/harness.mjs";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const site = servedBuild(
  "healthkb-paged-",
  (folder) => {
    const root = path.join(folder, "site");
    for (const part of ["articles", "templates", "i18n", "static"]) {
      cpSync(path.join(REPO, part), path.join(root, part), { recursive: true });
    }
    const config = readFileSync(path.join(REPO, "site.toml"), "utf8");
    writeFileSync(path.join(root, "site.toml"), `${config}page_size = 10\n`);
    return root;
  },
  ["--base-url", BASE_URL],
);

/** The first, second and last page of each long list (axe on all of them takes minutes). */
function sample() {
  return ["a-z/", "references/", "symptoms/back-pain/"].flatMap((base) => {
    const count = site.pages.filter((p) => p.startsWith(`${base}page/`)).length + 1;
    return [base, `${base}page/2/`, `${base}page/${count}/`];
  });
}

test("each page of a list says which it is and links to the others", async () => {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  const problems = watch(page);
  for (const base of ["a-z/", "references/", "symptoms/back-pain/"]) {
    const count = site.pages.filter((p) => p.startsWith(`${base}page/`)).length + 1;
    assert.ok(count >= 3, `${base} has ${count} pages`);
    for (let n = 1; n <= count; n++) {
      const url = site.server.url + base + (n === 1 ? "" : `page/${n}/`);
      await page.goto(url);
      const nav = page.getByRole("navigation", { name: /^Pages of / });
      await assert.doesNotReject(nav.waitFor(), url);
      assert.equal(await nav.locator(".pagination-status").textContent(), `Page ${n} of ${count}`);
      assert.match(await page.title(), new RegExp(`\\(page ${n} of ${count}\\)`));
      const current = nav.locator('[aria-current="page"]');
      assert.equal(await current.count(), 1);
      assert.equal(new URL(await current.evaluate((a) => a.href)).pathname, new URL(url).pathname);
      assert.equal(await page.locator('head link[rel="prev"]').count(), n > 1 ? 1 : 0, `${url}: rel=prev`);
      assert.equal(await page.locator('head link[rel="next"]').count(), n < count ? 1 : 0, `${url}: rel=next`);
      assert.equal(await nav.getByRole("link", { name: "Previous page" }).count(), n > 1 ? 1 : 0);
      assert.equal(await nav.getByRole("link", { name: "Next page" }).count(), n < count ? 1 : 0);
    }
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("the pagination works by keyboard: Tab reaches Next page and Enter follows it", async () => {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  await page.goto(site.server.url + "a-z/");
  let reached = false;
  for (let i = 0; i < 400 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.activeElement?.closest(".pagination-next") !== null);
  }
  assert.ok(reached, "Tab reaches the Next page link");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, "none", "the focused link shows its focus");
  await Promise.all([page.waitForURL(/a-z\/page\/2\/$/), page.keyboard.press("Enter")]);
  assert.match(await page.locator(".pagination-status").textContent(), /^Page 2 of \d+$/);
  await context.close();
});

test("letters on any page of the A to Z lead to the page holding them", async () => {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  await page.goto(site.server.url + "a-z/page/2/");
  const link = page.locator(".letters-nav a", { hasText: /^S$/ });
  await Promise.all([page.waitForURL(/#letter-s$/), link.click()]);
  assert.ok(await page.locator("#letter-s").isVisible(), "the S section is on the page the link led to");
  assert.match(page.url(), /a-z\/page\/\d+\/#letter-s$/);
  await context.close();
});

for (const scheme of ["light", "dark"]) {
  test(`axe finds no violations on the first, second and last pages of long lists (${scheme})`, async () => {
    const context = await site.browser.newContext({ colorScheme: scheme });
    const page = await context.newPage();
    const found = [];
    for (const p of sample()) {
      await page.goto(site.server.url + p);
      const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      found.push(...results.violations.map((v) => `${p}: ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`));
    }
    await context.close();
    assert.deepEqual(found, []);
  });
}
