// Every generated page, served under /guide/: loads with no console errors and no failed
// requests, every link on it resolves (fragments included), it obeys its own
// Content-Security-Policy (no inline script or style), and its structured data is valid and true.

import { test, before } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { servedSite, watch, BASE_URL, PREFIX } from "../lib/harness.mjs";

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'";

const site = servedSite();
let dir;
let pages;
/** Per page URL path: { links, ids } gathered while loading it. */
const seen = new Map();

before(() => ({ dir, pages } = site));

/** The output file a served URL path (below the prefix) maps to, or null. */
function fileFor(urlPath) {
  const rel = decodeURIComponent(urlPath.slice(PREFIX.length));
  const file = path.join(dir, rel.endsWith("/") || rel === "" ? rel + "index.html" : rel);
  return existsSync(file) ? file : null;
}

/** Ids in an output HTML file (for fragment checks). */
const idsCache = new Map();
function idsIn(file) {
  if (!idsCache.has(file)) {
    const ids = new Set([...readFileSync(file, "utf8").matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    idsCache.set(file, ids);
  }
  return idsCache.get(file);
}

test("the site has every page kind", () => {
  assert.ok(pages.includes(""), "home");
  assert.ok(pages.includes("a-z/") && pages.includes("symptoms/") && pages.includes("emergency/") && pages.includes("references/"));
  assert.ok(pages.includes("404.html"));
  assert.equal(pages.filter((p) => p.startsWith("symptoms/") && p !== "symptoms/").length, 37);
  assert.equal(pages.filter((p) => p.startsWith("regions/")).length, 8, "one page per body region");
  const english = pages.filter((p) => !p.startsWith("es/"));
  assert.equal(english.length, 85, "34 articles, 37 symptoms, 8 regions, home, symptoms, A to Z, emergency, references, 404");
  // The Spanish edition: the same kinds, with the 9 articles translated so far.
  const spanish = pages.filter((p) => p.startsWith("es/"));
  assert.equal(spanish.length, 60, "9 articles, 37 symptoms, 8 regions, home, symptoms, A to Z, emergency, references, 404");
  assert.ok(["es/", "es/a-z/", "es/symptoms/", "es/emergency/", "es/references/", "es/404.html", "es/sciatica/"].every((p) => spanish.includes(p)));
});

test("every page loads with no console errors, no failed requests and no inline code", async () => {
  const context = await site.browser.newContext();
  for (const p of pages) {
    const page = await context.newPage();
    const url = site.server.url + p;
    const problems = watch(page);
    const response = await page.goto(url, { waitUntil: "networkidle" });
    assert.equal(response.status(), 200, url);
    // Using search loads the stemmer and the index: that must work on every page too.
    // (The 404 page has its search box in the page, not in the header.)
    await page.locator("form[data-search] input[name=q]").first().focus();
    await page.waitForFunction(() => window.healthkbStem && [...document.scripts].some((s) => s.src.endsWith("search/index.js")));
    await page.waitForLoadState("networkidle");
    const facts = await page.evaluate(() => ({
      csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content,
      inlineScripts: [...document.querySelectorAll("script:not([src])")].filter(
        (s) => s.type !== "application/ld+json",
      ).length,
      styleAttributes: document.querySelectorAll("[style]").length,
      styleElements: document.querySelectorAll("style").length,
      stylesheetApplied: getComputedStyle(document.querySelector(".site-header")).backgroundColor,
      title: document.title,
      description: document.querySelector('meta[name="description"]')?.content,
      lang: document.documentElement.lang,
      h1: document.querySelectorAll("h1").length,
      links: [...document.querySelectorAll("a[href]")].map((a) => ({
        raw: a.getAttribute("href"),
        // An <a> inside an <svg> (the back map) has no string href: resolve it by hand.
        url: new URL(a.getAttribute("href"), document.baseURI).href,
      })),
      jsonLd: [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => s.textContent),
      dates: [...document.querySelectorAll(".page-dates time")].map((t) => t.dateTime),
    }));
    assert.equal(facts.csp, CSP, `${p}: CSP meta`);
    assert.equal(facts.inlineScripts, 0, `${p}: inline script`);
    assert.equal(facts.styleAttributes + facts.styleElements, 0, `${p}: inline style`);
    assert.notEqual(facts.stylesheetApplied, "rgba(0, 0, 0, 0)", `${p}: stylesheet applied`);
    const lang = p.startsWith("es/") ? "es" : "en";
    assert.ok(facts.title && facts.description && facts.lang === lang, `${p}: title, description, lang`);
    assert.equal(facts.h1, 1, `${p}: one h1`);
    assert.deepEqual(problems, [], `${p}: console errors or failed requests`);
    seen.set(p, facts);
    await page.close();
  }
  await context.close();
});

test("every link on every page resolves, fragments included", async () => {
  assert.equal(seen.size, pages.length, "the previous test visited every page");
  const broken = [];
  let internal = 0;
  for (const [p, facts] of seen) {
    for (const { raw, url } of facts.links) {
      const target = new URL(url);
      if (target.origin !== site.server.origin) {
        if (!/^(https?|mailto|tel):/.test(target.protocol + "")) {
          broken.push(`${p}: ${raw} (unexpected scheme)`);
        }
        continue;
      }
      internal++;
      if (!target.pathname.startsWith(PREFIX)) {
        broken.push(`${p}: ${raw} leaves the site's subpath (${target.pathname})`);
        continue;
      }
      const file = fileFor(target.pathname);
      if (!file) {
        broken.push(`${p}: ${raw} -> ${target.pathname} does not exist`);
        continue;
      }
      const fragment = decodeURIComponent(target.hash.slice(1));
      if (fragment && file.endsWith(".html") && !idsIn(file).has(fragment)) {
        broken.push(`${p}: ${raw} -> #${fragment} is not on that page`);
      }
    }
  }
  assert.ok(internal > 1000, `checked ${internal} internal links`);
  assert.deepEqual(broken, []);
});

test("the 404 page works at any depth, with its links and styles", async () => {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  const missing = site.server.url + "no/such/deep/page/";
  const problems = watch(page, missing);
  const response = await page.goto(missing);
  assert.equal(response.status(), 404);
  assert.equal((await page.locator("h1").textContent()).trim(), "Page not found");
  assert.notEqual(
    await page.evaluate(() => getComputedStyle(document.querySelector(".site-header")).backgroundColor),
    "rgba(0, 0, 0, 0)",
  );
  assert.equal(await page.locator("#notfound-q").isVisible(), true, "404 has a search box");
  await page.locator("#notfound-q").fill("sciatica");
  await page.locator("#notfound-q").press("Enter");
  await page.locator("#search-results li a").first().waitFor();
  await page.locator("main a", { hasText: "Go to the home page" }).click();
  await page.waitForLoadState();
  assert.equal(page.url(), site.server.url);
  assert.deepEqual(problems, []);
  await context.close();
});

test("structured data describes only what each page shows", () => {
  for (const [p, facts] of seen) {
    const blocks = facts.jsonLd.map((text) => JSON.parse(text));
    // Each language's pages are a site of their own under its prefix.
    const home = p.startsWith("es/") ? BASE_URL + "es/" : BASE_URL;
    if (["", "404.html", "es/", "es/404.html"].includes(p)) {
      assert.equal(blocks.length, 0, `${p}: no structured data`);
      continue;
    }
    assert.equal(blocks.length, 1, `${p}: one JSON-LD block`);
    const data = blocks[0];
    assert.equal(data["@context"], "https://schema.org");
    const trail = data["@type"] === "BreadcrumbList" ? data : data.breadcrumb;
    assert.equal(trail["@type"], "BreadcrumbList", p);
    assert.equal(trail.itemListElement[0].item, home, `${p}: the trail starts at home`);
    if (facts.dates.length) {
      assert.ok(["MedicalWebPage", "AboutPage"].includes(data["@type"]), p);
      assert.equal(data.dateModified, facts.dates[0], `${p}: dateModified is the date shown`);
      assert.equal(data.url, BASE_URL + p);
      const shownSymptoms = facts.links
        .filter((l) => /symptoms\/[a-z0-9-]+\/$/.test(l.raw))
        .map((l) => l.url.replace(site.server.url, BASE_URL));
      for (const s of data.about?.signOrSymptom ?? []) {
        assert.ok(shownSymptoms.includes(s.url), `${p}: ${s.name} is linked on the page`);
      }
      if (!facts.dates[1]) {
        assert.equal(data.lastReviewed, undefined, `${p}: no review date that was not shown`);
      }
    }
  }
});
