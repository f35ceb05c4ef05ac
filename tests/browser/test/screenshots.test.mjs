// Screenshots of the main page types at 375 px and 1280 px wide (light, and dark for two of them),
// and a print-media rendering of one article (PDF and PNG), saved to screenshots/ in cargo's
// target folder for people to look at. The print rendering is also checked: no navigation,
// search or finder; care cards keep their borders and labels; source URLs and the page's own
// address are printed.

import { test, after } from "node:test";
import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { servedSite, screenshotPath, screenshotsFolder } from "../lib/harness.mjs";

const PAGES = {
  home: "",
  article: "back-spasm/",
  symptom: "symptoms/saddle-numbness/",
  symptoms: "symptoms/",
  region: "regions/lower-back/",
  "a-z": "a-z/",
  emergency: "emergency/",
  "not-found": "404.html",
};
const WIDTHS = [375, 1280];

const site = servedSite();

after(() => console.log(`screenshots: ${screenshotsFolder()}`));

async function shoot(width, scheme, names) {
  const context = await site.browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
  const page = await context.newPage();
  const saved = [];
  for (const name of names) {
    await page.goto(site.server.url + PAGES[name], { waitUntil: "networkidle" });
    if (name === "home") {
      // Show the finder at work: a symptom and an emergency sign ticked.
      await page.locator("form[data-finder] input[value=back-tingling]").check();
      await page.locator(".finder-group-emergency input").first().check();
    }
    const file = screenshotPath(`${name}-${width}${scheme === "dark" ? "-dark" : ""}.png`);
    await page.screenshot({ path: file, fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name} at ${width}px scrolls sideways by ${overflow}px`);
    saved.push(file);
  }
  await context.close();
  return saved;
}

test("screenshots of every main page type at 375 px and 1280 px", async () => {
  const saved = [];
  for (const width of WIDTHS) {
    saved.push(...(await shoot(width, "light", Object.keys(PAGES))));
    saved.push(...(await shoot(width, "dark", ["home", "article"])));
  }
  for (const file of saved) {
    assert.ok(statSync(file).size > 10_000, `${file} has content`);
  }
});

test("a narrow phone (320 px) needs no sideways scrolling", async () => {
  await shoot(320, "light", ["home", "article", "a-z"]);
});

test("the print rendering of an article keeps what paper needs and drops the rest", async () => {
  const context = await site.browser.newContext({ viewport: { width: 800, height: 1100 } });
  const page = await context.newPage();
  await page.goto(site.server.url + PAGES.article, { waitUntil: "networkidle" });
  await page.emulateMedia({ media: "print" });
  const facts = await page.evaluate(() => {
    const shown = (sel) => {
      const el = document.querySelector(sel);
      return !!el && getComputedStyle(el).display !== "none";
    };
    const card = document.querySelector(".care-emergency");
    // The articles cite no web pages yet: add one to the reference list to see how it prints.
    const list = document.querySelector(".references") ?? document.querySelector("main");
    const item = document.createElement("li");
    const sourceLink = document.createElement("a");
    sourceLink.href = "https://example.org/a-source";
    sourceLink.textContent = "A source";
    item.append(sourceLink);
    list.append(item);
    return {
      nav: shown(".site-nav"),
      search: shown(".site-search"),
      breadcrumbs: shown(".breadcrumbs"),
      printButton: shown(".print-button"),
      address: shown(".print-address") ? document.querySelector(".print-address").textContent : null,
      dates: shown(".page-dates"),
      cardBorder: parseFloat(getComputedStyle(card).borderTopWidth),
      cardLabel: getComputedStyle(card.querySelector(".care-label")).display !== "none",
      cardLabelText: card.querySelector(".care-label").textContent,
      linkAfter: getComputedStyle(sourceLink, "::after").content,
    };
  });
  assert.equal(facts.nav, false, "no navigation on paper");
  assert.equal(facts.search, false, "no search on paper");
  assert.equal(facts.breadcrumbs, false);
  assert.equal(facts.printButton, false);
  assert.match(facts.address ?? "", /Printed from: https:\/\/example\.org\/guide\/back-spasm\//);
  assert.equal(facts.dates, true, "the page's dates print");
  assert.ok(facts.cardBorder >= 3, "care cards keep their borders");
  assert.ok(facts.cardLabel && /Emergency/.test(facts.cardLabelText), "care cards keep their labels");
  assert.match(facts.linkAfter, /attr\(href\)|example\.org\/a-source/, "sources print their URLs");
  await page.evaluate(() => document.querySelector('.references a[href="https://example.org/a-source"]')?.closest("li")?.remove());
  const pdf = screenshotPath("article-print.pdf");
  await page.pdf({ path: pdf, format: "A4", printBackground: false });
  assert.ok(statSync(pdf).size > 20_000);
  await page.setViewportSize({ width: 800, height: 1100 });
  await page.screenshot({ path: screenshotPath("article-print.png"), fullPage: true });
  await context.close();
});
