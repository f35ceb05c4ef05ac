// Inline citations: on a copy of the real site whose back spasm page cites its sources in the
// text, a reader follows a citation mark to its reference and the reference's back link to the
// place in the text; the page passes axe-core and the Nu HTML Checker. (The real site's
// reference lists and the references page are in the every-page axe and validator tests.)

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { REPO, BASE_URL, buildSite, serve, launch, openPage, tempFolder } from "../lib/harness.mjs";

const require = createRequire(import.meta.url);
const VNU = path.join(path.dirname(require.resolve("vnu-jar/package.json")), "build", "dist", "vnu.jar");
const CITED = "nhs-back-pain";

/** Copies the real site (whose back spasm page cites its sources inline) and builds it. */
function buildCitedSite() {
  const root = path.join(tempFolder("healthkb-cited-"), "site");
  for (const part of ["articles", "templates", "i18n", "static", "site.toml"]) {
    cpSync(path.join(REPO, part), path.join(root, part), { recursive: true });
  }
  const text = readFileSync(path.join(root, "articles", "back-spasm.md"), "utf8");
  assert.ok(text.includes(`[@${CITED}]`), "the article cites the source inline");
  return buildSite(["--base-url", BASE_URL], root);
}

const site = { dir: null, server: null, browser: null };
before(async () => {
  site.dir = buildCitedSite();
  site.server = await serve(site.dir);
  site.browser = await launch();
});
after(async () => {
  await site.browser?.close();
  await site.server?.close();
});

/** True when some of the element is inside the viewport. */
const inView = (locator) =>
  locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight;
  });

/** Waits until the element with `id` is in the viewport (scrolling may be smooth). */
const scrolledTo = (page, id) =>
  page.waitForFunction((id) => {
    const r = document.getElementById(id).getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight;
  }, id, { timeout: 5000 });

test("a reader follows an inline citation to its reference and back", async () => {
  const { page, check, close } = await openPage(site.browser, `${site.server.url}back-spasm/`, {
    viewport: { width: 375, height: 700 },
  });
  const mark = page.locator(`sup.cite a#cite-${CITED}-1`);
  assert.equal(await mark.textContent(), "[1]");
  assert.equal(await mark.getAttribute("aria-label"), "Reference 1");
  await mark.click();
  await page.waitForFunction((id) => location.hash === `#ref-${id}`, CITED);
  const reference = page.locator(`ol.references li#ref-${CITED}`);
  await scrolledTo(page, `ref-${CITED}`);
  assert.equal(await page.evaluate(() => document.querySelector(":target")?.id), `ref-${CITED}`);
  assert.match(await reference.textContent(), /^Back pain\. NHS/);
  assert.equal(await page.locator("ol.references > li").nth(1).getAttribute("id"), "ref-nhs-sprains-strains");

  const back = reference.locator("a.cite-back");
  assert.equal(await back.getAttribute("aria-label"), "Back to where reference 1 is cited");
  await back.click();
  await page.waitForFunction((id) => location.hash === `#cite-${id}-1`, CITED);
  await scrolledTo(page, `cite-${CITED}-1`);
  assert.ok(!(await inView(reference)), "and the list is out of view");

  const second = page.locator(`a#cite-${CITED}-2`);
  assert.equal(await second.textContent(), "[1]", "a second use of the source has the same number");
  check();
  await close();
});

test("the page with inline citations passes axe-core and the Nu HTML Checker", async () => {
  const { page, close } = await openPage(site.browser, `${site.server.url}back-spasm/`);
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  assert.deepEqual(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    [],
  );
  await close();
  const files = ["back-spasm/index.html", "references/index.html"].map((f) => path.join(site.dir, f));
  const run = spawnSync("java", ["-jar", VNU, "--errors-only", "--format", "json", ...files], {
    encoding: "utf8",
  });
  assert.equal(run.error, undefined, "java runs");
  const report = JSON.parse(run.stderr || run.stdout || '{"messages":[]}');
  assert.deepEqual(
    report.messages.filter((m) => m.type === "error").map((m) => `${m.url}:${m.lastLine}: ${m.message}`),
    [],
  );
});
