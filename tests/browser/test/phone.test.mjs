// Phone-first article pages: on every article at 375 px the article's first paragraph starts on
// the first screen (under 700 px from the top) and the care cards follow the opening section;
// at 320 px nothing needs sideways scrolling, and at 1,280 px the same order holds. Prints the
// offsets it measured, and saves the top of an article on a phone to screenshots/ in cargo's target folder.

import { test } from "node:test";
import assert from "node:assert/strict";
import { servedSite, openPage, screenshotPath } from "../lib/harness.mjs";

const site = servedSite();

/** The article pages: every page with an article body (the about page included). */
/** The article pages, in English and in Spanish (`es/`). */
const articles = () =>
  site.pages.filter((p) => {
    const m = /^(es\/)?([a-z0-9-]+\/)$/.exec(p);
    return m && !(p === "es/") && !["a-z/", "emergency/", "references/", "symptoms/", "regions/"].includes(m[2]);
  });

/** Offsets from the top of the page, in CSS pixels, of what a reader looks for first. */
async function measure(page) {
  return page.evaluate(() => {
    const top = (el) => (el ? Math.round(el.getBoundingClientRect().top + window.scrollY) : null);
    return {
      paragraph: top(document.querySelector(".body > p")),
      care: top(document.querySelector(".care-cards .care")),
      heading: top(document.querySelector(".body h2, .body-rest h2")),
      height: document.documentElement.scrollHeight,
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      tocOpen: document.querySelector("details.toc")?.open ?? null,
    };
  });
}

async function eachArticle(width, height, check) {
  const context = await site.browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const rows = [];
  for (const p of articles()) {
    await page.goto(site.server.url + p);
    const m = await measure(page);
    rows.push({ page: p, ...m });
    check(p, m);
  }
  await context.close();
  return rows;
}

test("at 375 px every article's text starts on the first screen and its care cards follow the opening", async () => {
  assert.ok(articles().length >= 30, `found ${articles().length} articles`);
  const rows = await eachArticle(375, 812, (p, m) => {
    assert.ok(m.paragraph !== null, `${p}: a first paragraph`);
    assert.ok(m.paragraph < 700, `${p}: the first paragraph starts at ${m.paragraph} px, not in the first screen`);
    assert.equal(m.tocOpen === null || m.tocOpen === false, true, `${p}: the contents list starts folded`);
    if (m.care !== null) {
      assert.ok(m.care < 1600, `${p}: the first care card starts at ${m.care} px, below two screens`);
      assert.ok(m.heading === null || m.care < m.heading, `${p}: the care cards come after the opening section, before the first heading`);
    }
    assert.ok(m.overflow <= 0, `${p}: ${m.overflow} px of sideways scrolling`);
  });
  const worst = (key) => rows.filter((r) => r[key] !== null).reduce((a, b) => (b[key] > a[key] ? b : a));
  const para = worst("paragraph");
  const care = worst("care");
  console.log(`375 px: first paragraph at most ${para.paragraph} px (${para.page}), first care card at most ${care.care} px (${care.page})`);
  for (const p of ["vitamin-b12-deficiency/", "back-spasm/"]) {
    const r = rows.find((x) => x.page === p);
    console.log(`375 px: ${p} first paragraph ${r.paragraph} px, first care card ${r.care} px, page ${r.height} px tall`);
  }
});

test("at 320 px the text still starts on the first screen and nothing scrolls sideways", async () => {
  const rows = await eachArticle(320, 640, (p, m) => {
    assert.ok(m.paragraph < 900, `${p}: the first paragraph starts at ${m.paragraph} px`);
    assert.ok(m.overflow <= 0, `${p}: ${m.overflow} px of sideways scrolling`);
  });
  console.log(`320 px: first paragraph at most ${Math.max(...rows.map((r) => r.paragraph))} px`);
});

test("at 1,280 px the text starts high and the care cards follow the opening section", async () => {
  await eachArticle(1280, 900, (p, m) => {
    assert.ok(m.paragraph < 700, `${p}: the first paragraph starts at ${m.paragraph} px`);
    if (m.care !== null) {
      assert.ok(m.heading === null || m.care < m.heading, `${p}: cards before the first heading`);
    }
  });
});

test("the contents list opens and leads to its section; screenshots of an article top on a phone", async () => {
  const phone = { viewport: { width: 375, height: 812 } };
  const { page, check, close } = await openPage(site.browser, site.server.url + "vitamin-b12-deficiency/", phone);
  await page.screenshot({ path: screenshotPath("article-top-375.png") });
  const toc = page.locator("details.toc");
  await toc.locator("summary").click();
  assert.equal(await toc.evaluate((d) => d.open), true);
  const link = toc.locator("a").first();
  const target = (await link.getAttribute("href")).slice(1);
  await link.click();
  await page.waitForFunction((id) => location.hash === "#" + id, target);
  assert.equal(await page.locator(`[id="${target}"]`).isVisible(), true);
  await page.goto(site.server.url + "back-spasm/");
  await page.screenshot({ path: screenshotPath("article-care-375.png"), fullPage: false, clip: { x: 0, y: 0, width: 375, height: 1400 } });
  check();
  await close();
});
