// The build for browsing from disk (--local), opened from file://: every page loads with its
// styles and scripts and no errors, every link points at a file that exists, a reader can click
// through, and search and the finder work there too.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, statSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";
import { buildSite, launch, watch, listFiles } from "../lib/harness.mjs";

let dir;
let browser;
let files;

before(async () => {
  dir = buildSite(["--local"]);
  browser = await launch();
  files = listFiles(dir).filter((f) => f.endsWith(".html"));
});

after(async () => {
  await browser?.close();
});

const fileUrl = (rel) => pathToFileURL(path.join(dir, rel)).href;

test("every page loads from disk with styles and scripts, and every link points at a file", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watch(page);
  const broken = [];
  for (const rel of files) {
    await page.goto(fileUrl(rel), { waitUntil: "networkidle" });
    const facts = await page.evaluate(() => ({
      styled: getComputedStyle(document.querySelector(".site-header")).backgroundColor,
      scripted: document.documentElement.getAttribute("data-site-js") === "ran",
      links: [...document.querySelectorAll("a[href]")].map((a) => [
        a.getAttribute("href"),
        new URL(a.getAttribute("href"), document.baseURI).href, // also for <a> inside <svg>
      ]),
    }));
    assert.notEqual(facts.styled, "rgba(0, 0, 0, 0)", `${rel}: stylesheet applied`);
    assert.ok(facts.scripted, `${rel}: site.js ran`);
    for (const [raw, href] of facts.links) {
      const url = new URL(href);
      if (url.protocol !== "file:") {
        continue;
      }
      const target = fileURLToPath(url);
      if (!target.startsWith(dir)) {
        broken.push(`${rel}: ${raw} leaves the site`);
      } else if (!existsSync(target) || statSync(target).isDirectory()) {
        broken.push(`${rel}: ${raw} is not a file (a folder link does not open from disk)`);
      }
    }
  }
  assert.deepEqual(broken, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("from disk a reader can click through, use the finder and search", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(fileUrl("index.html"));
  await page.locator("form[data-finder] input[value=back-tingling]").check();
  const result = page.locator("[data-finder-results] li a").first();
  await result.waitFor();
  await result.click();
  await page.waitForLoadState();
  assert.match(page.url(), /\/index\.html$/);
  assert.equal(await page.locator("h1").count(), 1);
  await page.locator(".breadcrumbs a", { hasText: "Home" }).click();
  await page.waitForLoadState();
  assert.equal(page.url(), fileUrl("index.html"));

  await page.locator("#site-search-q").fill("cobalamin");
  await page.locator("#site-search-q").press("Enter");
  const hit = page.locator("#search-results li a").first();
  await hit.waitFor();
  assert.equal(await hit.textContent(), "Vitamin B12 deficiency");
  await hit.click();
  await page.waitForLoadState();
  assert.equal(page.url(), fileUrl("vitamin-b12-deficiency/index.html"));
  assert.deepEqual(problems, []);
  await context.close();
});
