// The back map (issue 8) on the home page and the symptoms index: every region is a real link that
// a mouse click and the keyboard alone (Tab to it, Enter) both follow to its region page, with a
// visible focus highlight; the text list beside it names the same regions.

import { test } from "node:test";
import assert from "node:assert/strict";
import { servedSite, openPage, screenshotPath } from "../lib/harness.mjs";

const REGIONS = [
  ["neck", "Neck"],
  ["upper-back", "Upper back"],
  ["middle-back", "Middle back"],
  ["lower-back", "Lower back"],
  ["buttocks-hips", "Buttocks and hips"],
  ["arms-hands", "Arms and hands"],
  ["legs", "Legs"],
  ["feet", "Feet"],
];
const MAP_PAGES = ["", "symptoms/"];

const site = servedSite();

const open = (url, options) => openPage(site.browser, url, options);

const mapLink = (page, name) => page.locator("svg.back-map-svg a").filter({ hasText: name.split(" ")[0] });

test("the map and its text list name every region on the home page and the symptoms index", async () => {
  for (const at of MAP_PAGES) {
    const { page, check, close } = await open(site.server.url + at);
    const names = (await page.locator("svg.back-map-svg a").allTextContents()).map((t) => t.replace(/\s+/g, " ").trim());
    assert.deepEqual(names, ["Neck", "Upper back", "Middle back", "Lower back", "Buttocks and hips", "Arms and hands", "Legs", "Feet"]);
    assert.equal(names.length, 8, "eight regions");
    for (const [, name] of REGIONS) {
      const link = page.getByRole("link", { name, exact: true });
      assert.equal(await link.count(), 2, `${name}: one link on the map, one in the list on /${at}`);
    }
    check();
    await close();
  }
});

test("clicking each region on the map reaches its page", async () => {
  for (const at of MAP_PAGES) {
    for (const [slug, name] of REGIONS) {
      const { page, check, close } = await open(site.server.url + at, { viewport: { width: 375, height: 800 } });
      // The legs' and feet's shapes have a gap in the middle, and the middle of the arms' shape is
      // the back: click the left leg, the left foot and the left hand.
      const shape = mapLink(page, name).locator(".bm-shape");
      const box = await shape.boundingBox();
      const spot = { legs: [0.1, 0.1], feet: [0.15, 0.5], "arms-hands": [0.05, 0.94] }[slug];
      const position = spot ? { x: box.width * spot[0], y: box.height * spot[1] } : undefined;
      await shape.click({ position });
      await page.waitForURL(new RegExp(`/guide/regions/${slug}/$`));
      assert.equal((await page.locator("h1").textContent()).trim(), name);
      check();
      await close();
    }
  }
});

test("keyboard alone reaches every region with a visible focus and Enter follows it", async () => {
  for (const [slug, name] of REGIONS) {
    const { page, check, close } = await open(site.server.url + "symptoms/");
    let focused = null;
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press("Tab");
      focused = await page.evaluate(() => {
        const el = document.activeElement;
        return el?.closest("svg") ? el.textContent.replace(/\s+/g, " ").trim() : null;
      });
      if (focused === name) break;
    }
    assert.equal(focused, name, `Tab reaches ${name} on the map`);
    const shape = page.locator("svg.back-map-svg a:focus .bm-shape");
    const stroke = await shape.evaluate((el) => getComputedStyle(el).strokeWidth);
    assert.equal(stroke, "4px", "the focused region is outlined");
    if (slug === "lower-back") {
      await page.locator("svg.back-map-svg").screenshot({ path: screenshotPath("back-map-focus.png") });
    }
    await page.keyboard.press("Enter");
    await page.waitForURL(new RegExp(`/guide/regions/${slug}/$`));
    assert.equal((await page.locator("h1").textContent()).trim(), name);
    check();
    await close();
  }
});

test("region pages list their symptoms and are in the A to Z", async () => {
  const { page, check, close } = await open(site.server.url + "regions/lower-back/");
  assert.ok((await page.locator(".symptom-list li").count()) > 0, "lower back has symptoms");
  assert.ok((await page.locator(".link-list li").count()) > 0, "and articles");
  await page.goto(site.server.url + "a-z/");
  assert.equal(await page.locator('a[href$="regions/lower-back/"]').count(), 1);
  check();
  await close();
});

/** Where the map's drawing and each region's label sit on screen. */
async function mapBoxes(page) {
  return page.evaluate(() => {
    const svg = document.querySelector("svg.back-map-svg");
    const box = svg.getBoundingClientRect();
    return {
      svg: { left: box.left, right: box.right, width: box.width },
      labels: [...svg.querySelectorAll(".bm-label")].map((t) => {
        const b = t.getBoundingClientRect();
        return { text: t.textContent.replace(/\s+/g, " ").trim(), right: b.right, fill: getComputedStyle(t).fill };
      }),
      shape: getComputedStyle(svg.querySelector(".bm-shape")).fill,
    };
  });
}

test("the map fits a 320 px phone with every label inside the drawing, and prints in black on white", async () => {
  const { page, check, close } = await open(site.server.url, { viewport: { width: 320, height: 700 } });
  const screen = await mapBoxes(page);
  assert.ok(screen.svg.left >= 0 && screen.svg.right <= 320, `the map fits the screen (${JSON.stringify(screen.svg)})`);
  for (const label of screen.labels) {
    assert.ok(label.right <= screen.svg.right + 0.5, `${label.text} is not cut off (${label.right} > ${screen.svg.right})`);
  }
  const wide = await open(site.server.url, { viewport: { width: 1600, height: 900 } });
  const big = await mapBoxes(wide.page);
  assert.ok(big.svg.width > screen.svg.width, "the map grows on a wide screen");
  await wide.close();
  await page.emulateMedia({ media: "print" });
  const paper = await mapBoxes(page);
  assert.ok(paper.labels.every((l) => l.fill === "rgb(0, 0, 0)"), "labels print black");
  assert.equal(paper.shape, "rgb(255, 255, 255)", "regions print as white outlines");
  await page.locator("section.back-map").screenshot({ path: screenshotPath("back-map-print.png") });
  await page.emulateMedia({ media: "screen" });
  await page.locator("section.back-map").screenshot({ path: screenshotPath("back-map-320.png") });
  check();
  await close();
});

test("a region page shows the map with its own region marked, and the map leads on to the others", async () => {
  const { page, check, close } = await open(site.server.url + "regions/legs/");
  const marked = page.locator('svg.back-map-svg a[aria-current="page"]');
  assert.equal(await marked.count(), 1);
  assert.equal((await marked.textContent()).trim(), "Legs");
  const fill = await marked.locator(".bm-shape").evaluate((el) => getComputedStyle(el).fillOpacity);
  assert.equal(fill, "0.55", "the current region is filled");
  await page.locator("section.back-map").screenshot({ path: screenshotPath("back-map-region-legs.png") });
  await mapLink(page, "Neck").locator(".bm-shape").click();
  await page.waitForURL(/\/guide\/regions\/neck\/$/);
  assert.equal((await page.locator('svg.back-map-svg a[aria-current="page"]').textContent()).trim(), "Neck");
  check();
  await close();
});
