// Search on a site with a further taxonomy that feeds search (the real site, its two taxonomies
// declared, plus "treatments" with `search = true`): a treatment's page is a result, found by its
// name and its other names, and the result says "Treatment", the label the manifest's `kinds`
// carries for the taxonomy's key (site.js has no word of its own for it).

import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { copyGuide, servedBuild, openPage } from "../lib/harness.mjs";

const TAXONOMIES = `
[[taxonomies]]
name = "symptoms"
key = "symptoms"
terms = "articles/symptoms.toml"
segment = "symptoms"
template = "symptom.html"
index_template = "symptoms.html"
related = true
finder = true
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

[[taxonomies]]
name = "treatments"
key = "treatments"
terms = "articles/treatments.toml"
segment = "treatments"
template = "treatment.html"
index_template = "treatments.html"
search = true
a_to_z = true
`;

const site = servedBuild("healthkb-search-taxonomies-", (folder) => {
  const root = copyGuide(path.join(folder, "site"), TAXONOMIES, { english: true });
  writeFileSync(
    path.join(root, "articles", "treatments.toml"),
    '[kinesio-taping]\nname = "Kinesiotaping"\naka = ["elastic therapeutic tape"]\n' +
      'description = "Stretchy tape put on the skin over a sore muscle."\n',
  );
  const templates = path.join(root, "templates");
  writeFileSync(
    path.join(templates, "treatment.html"),
    '{% extends "base.html" %}{% block content %}<h1>{{ name }}</h1><p>{{ term_description }}</p>{% endblock content %}\n',
  );
  writeFileSync(
    path.join(templates, "treatments.html"),
    '{% extends "base.html" %}{% block content %}<h1>{{ label }}</h1>' +
      '{% for t in terms %}<a href="{{ t.href }}">{{ t.name }}</a>{% endfor %}{% endblock content %}\n',
  );
  return root;
});

/** The results of `query` typed into the search box of a fresh home page: [href, kind]. */
async function results(page, query) {
  await page.goto(site.server.url);
  const box = page.locator("#site-search-q");
  await box.fill(query);
  await box.press("Enter");
  await page.waitForFunction(
    (q) => document.getElementById("search-heading").textContent.includes(`\u201c${q}\u201d`),
    query,
  );
  return page.locator("#search-results li").evaluateAll((items) =>
    items.map((li) => [li.querySelector("a").getAttribute("href"), li.querySelector(".result-kind").textContent.trim()]),
  );
}

test("a further taxonomy's term page is a search result, called by the taxonomy's label", async () => {
  const { page, check, close } = await openPage(site.browser, site.server.url);
  for (const query of ["kinesiotaping", "therapeutic tape", "kinesiotapng"]) {
    const found = await results(page, query);
    assert.deepEqual(found[0], ["treatments/kinesio-taping/", "Treatment"], `${query}: ${JSON.stringify(found)}`);
  }
  const symptom = await results(page, "sciatica");
  assert.ok(symptom.some(([href, kind]) => href === "symptoms/sciatica/" && kind === "Symptom"), JSON.stringify(symptom));
  check();
  await close();
});
