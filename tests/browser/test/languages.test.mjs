// The guide in English and Spanish, served under /guide/: a reader switches language from an
// article and from the emergency page and comes back; a page with no Spanish translation says
// so; search on the Spanish pages finds Spanish words typed with and without their accents.
// (axe-core and the Nu checker run on every page, the Spanish ones among them: axe.test.mjs and
// validator.test.mjs.)

import { test } from "node:test";
import assert from "node:assert/strict";
import { servedSite, openPage, searchFromHeader } from "../lib/harness.mjs";

const site = servedSite();

const open = (url, options) => openPage(site.browser, url, options);

/** Clicks the header's link to the language `code` and waits for the page it leads to. */
async function switchTo(page, code) {
  await page.locator(`.site-nav a[lang="${code}"]`).click();
  await page.waitForLoadState();
}

const language = (page) => page.locator("html").getAttribute("lang");
const heading = async (page) => (await page.locator("h1").textContent()).trim();

test("a reader switches from an English article to its Spanish translation and back", async () => {
  const { page, check, close } = await open(site.server.url + "sciatica/");
  assert.equal(await language(page), "en");
  assert.equal(await page.locator(".site-nav a[lang=es]").textContent(), "Español");
  await switchTo(page, "es");
  assert.equal(new URL(page.url()).pathname, "/guide/es/sciatica/");
  assert.equal(await language(page), "es");
  assert.equal(await heading(page), "Ciática");
  const notice = page.locator(".translation-note");
  assert.match(await notice.textContent(), /Esta página es una traducción\. Todavía no la ha revisado un traductor médico profesional\./);
  assert.doesNotMatch(await notice.textContent(), /no está al día/, "the translation is of the current English page");
  // The notice's link leads to the English original.
  await notice.locator("a").click();
  await page.waitForLoadState();
  assert.equal(new URL(page.url()).pathname, "/guide/sciatica/");
  await switchTo(page, "es");
  await switchTo(page, "en");
  assert.equal(new URL(page.url()).pathname, "/guide/sciatica/");
  assert.equal(await heading(page), "Sciatica");
  check();
  await close();
});

test("a reader on the Spanish emergency page switches to English and back, the emergency number in both", async () => {
  const { page, check, close } = await open(site.server.url + "es/emergency/");
  assert.equal(await language(page), "es");
  assert.equal(await heading(page), "Cuándo buscar ayuda de emergencia");
  assert.match(await page.locator("main").textContent(), /Llame al 911 ahora/);
  await switchTo(page, "en");
  assert.equal(new URL(page.url()).pathname, "/guide/emergency/");
  assert.equal(await heading(page), "When to get emergency help");
  await switchTo(page, "es");
  assert.equal(new URL(page.url()).pathname, "/guide/es/emergency/");
  check();
  await close();
});

test("an English page with no Spanish translation says so, in Spanish, and leads to the Spanish home page", async () => {
  const { page, check, close } = await open(site.server.url + "shingles/");
  const link = page.locator(".site-nav a[lang=es]");
  assert.equal((await link.textContent()).trim(), "Español (aún sin traducir)");
  assert.equal(await page.locator('link[rel=alternate][hreflang="es"]').count(), 0, "no alternate for a page that has none");
  await switchTo(page, "es");
  assert.equal(new URL(page.url()).pathname, "/guide/es/");
  assert.equal(await heading(page), "Dolor de espalda y hormigueo");
  check();
  await close();
});

/** Searches from the header box and returns the results as "title (kind)", in order. */
async function search(page, words) {
  const items = await searchFromHeader(page, words);
  const results = [];
  for (let i = 0; i < (await items.count()); i++) {
    const item = items.nth(i);
    results.push(`${(await item.locator("a").textContent()).trim()} (${(await item.locator(".result-kind").textContent()).trim()})`);
  }
  return results;
}

test("search on the Spanish pages finds Spanish words with and without their accents", async () => {
  const { page, check, close } = await open(site.server.url + "es/");
  for (const query of ["ciática", "ciatica", "CIÁTICA"]) {
    const results = await search(page, query);
    assert.ok(results.slice(0, 3).includes("Ciática (Artículo)"), `${query}: ${results.join("; ")}`);
  }
  for (const query of ["hormigueo en la espalda", "hormigueo en la éspalda"]) {
    const results = await search(page, query);
    assert.equal(results[0], "Hormigueo en la espalda (Artículo)", `${query}: ${results.join("; ")}`);
  }
  const b12 = await search(page, "vitamina b12");
  assert.ok(b12.slice(0, 3).some((r) => r.startsWith("Falta de vitamina B12") || r.includes("B12")), b12.join("; "));
  // Results lead to Spanish pages, and the status is in Spanish.
  assert.match(await page.locator("#search-heading").textContent(), /^Se encontr/);
  const first = page.locator("#search-results li > a").first();
  await first.click();
  await page.waitForLoadState();
  assert.match(new URL(page.url()).pathname, /^\/guide\/es\//);
  assert.equal(await language(page), "es");
  check();
  await close();
});
