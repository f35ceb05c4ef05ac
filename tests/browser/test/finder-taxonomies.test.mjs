// The finder on a site whose taxonomies are its own (tests/fixtures/taxonomies: the conditions
// and, declared after them, the treatments feed the finder), with this guide's static/finder.js:
// from the keyboard a reader picks a treatment and sees the articles on it, then a condition too
// and sees the article with both first, in the taxonomies' own words; from file:// as well.

import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { REPO, binaryPath, launch, openPage, servedBuild, tempFolder } from "../lib/harness.mjs";

/** A copy of the fixture in `folder`, with the guide's finder script and a small stylesheet. */
function fixtureSite(folder) {
  const root = path.join(folder, "site");
  cpSync(path.join(REPO, "tests", "fixtures", "taxonomies"), root, { recursive: true });
  mkdirSync(path.join(root, "static"), { recursive: true });
  cpSync(path.join(REPO, "static", "finder.js"), path.join(root, "static", "finder.js"));
  writeFileSync(path.join(root, "static", "style.css"), "[hidden] { display: none; }\n");
  return root;
}

const site = servedBuild("healthkb-finder-taxonomies-", fixtureSite);

/** Presses Tab until the checkbox with `id` has the focus (at most 40 times), then Space. */
async function tickByKeyboard(page, id) {
  for (let i = 0; i < 40; i++) {
    if (await page.evaluate((want) => document.activeElement?.id === want, id)) {
      await page.keyboard.press("Space");
      return;
    }
    await page.keyboard.press("Tab");
  }
  assert.fail(`Tab never reached #${id}`);
}

/** Waits until the status says `pattern`, and returns the results as [title, href, match]. */
async function resultsOnceStatus(page, pattern) {
  await page.waitForFunction(
    (source) => new RegExp(source).test(document.querySelector("[data-finder-status]").textContent),
    pattern.source,
  );
  return page
    .locator("[data-finder-results] li")
    .evaluateAll((items) =>
      items.map((li) => [
        li.querySelector("a").textContent,
        li.querySelector("a").getAttribute("href"),
        li.querySelector(".result-match").textContent,
      ]),
    );
}

/** Picks a treatment, then a condition too, and checks what the finder shows each time. */
async function pickTreatmentThenCondition(page, articleHref) {
  assert.equal(
    await page.locator("[data-finder-status]").textContent(),
    "Tick a condition or treatment to see the articles about it.",
  );
  assert.equal(await page.locator("fieldset.finder-taxonomy-treatments legend").textContent(), "Treatments");
  await tickByKeyboard(page, "finder-treatments--b12-injections");
  assert.equal(await page.locator("#finder-treatments--b12-injections").isChecked(), true);
  const one = await resultsOnceStatus(page, /^1 article matches the 1 condition or treatment you ticked\.$/);
  assert.deepEqual(one, [
    ["Vitamin B12 deficiency", articleHref("b12-deficiency"), "Covers 1 of your 1 condition or treatment: B12 injections"],
  ]);
  // Back to a condition (before the treatments in the form): its articles join, the one with
  // both ticked terms first.
  await page.keyboard.press("Shift+Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "finder-nerve-damage");
  await page.keyboard.press("Space");
  const two = await resultsOnceStatus(page, /^2 articles match the 2 conditions and treatments you ticked\.$/);
  assert.deepEqual(two, [
    [
      "Vitamin B12 deficiency",
      articleHref("b12-deficiency"),
      "Covers 2 of your 2 conditions and treatments: Nerve damage and B12 injections",
    ],
    ["Nerve damage", articleHref("nerve-damage"), "Covers 1 of your 2 conditions and treatments: Nerve damage"],
  ]);
  assert.equal(await page.locator("[data-finder-emergency]").isVisible(), false);
}

test("from the keyboard, a treatment (a later taxonomy) and then a condition find the right articles", async () => {
  const { page, check, close } = await openPage(site.browser, site.server.url);
  const requested = [];
  page.on("request", (req) => requested.push(req.url().slice(req.url().indexOf("/guide/") + "/guide/".length)));
  await pickTreatmentThenCondition(page, (slug) => `${slug}/`);
  assert.ok(requested.includes("finder/t/treatments/b12-injections.0.js"), `${requested}`);
  assert.ok(requested.includes("finder/s/nerve-damage.0.js"), `${requested}`);
  assert.ok(!requested.some((r) => r.startsWith("finder/t/treatments/surgery")), "only the ticked terms' parts load");
  check();
  await close();
});

test("an emergency-level condition shows the emergency card, and an unticked finder says so in its words", async () => {
  const { page, check, close } = await openPage(site.browser, site.server.url);
  await tickByKeyboard(page, "finder-spinal-cord-compression");
  await page.waitForFunction(() => /you ticked/.test(document.querySelector("[data-finder-status]").textContent));
  assert.equal(await page.locator("[data-finder-emergency]").isVisible(), true);
  assert.match(await page.locator("[data-finder-status]").textContent(), /^Emergency sign ticked: call 112 now\. 1 article matches/);
  await page.keyboard.press("Space");
  await page.waitForFunction(() => /^Tick a condition/.test(document.querySelector("[data-finder-status]").textContent));
  assert.equal(await page.locator("[data-finder-count]").textContent(), "No conditions and treatments ticked yet.");
  assert.equal(await page.locator("[data-finder-emergency]").isVisible(), false);
  check();
  await close();
});

let localBrowser;
after(async () => {
  await localBrowser?.close();
});

test("the same from file://, in the build for browsing from disk", async () => {
  const root = fixtureSite(tempFolder("healthkb-finder-taxonomies-local-"));
  const out = path.join(root, "public");
  const run = spawnSync(binaryPath(), ["--root", root, "build", "--local", "--out", out], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  localBrowser = await launch();
  const { page, check, close } = await openPage(localBrowser, pathToFileURL(path.join(out, "index.html")).href);
  await pickTreatmentThenCondition(page, (slug) => `${slug}/index.html`);
  check();
  await close();
});
