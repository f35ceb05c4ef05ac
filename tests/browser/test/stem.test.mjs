// The browser's search words (static/stem.js) are the build's: for every word of
// tests/stems.tsv (every word of the real site's articles, the benchmark corpus's vocabulary and
// the stemmer's hard cases), static/stem.js gives the term the build gives, which a Rust test
// (stems_tsv_lists_the_build_s_term_of_every_word...) checks against the build's own pipeline.
// If the two disagreed, a query word would look for a term the index does not have.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { REPO } from "../lib/harness.mjs";

function stemmer() {
  const sandbox = { TextEncoder, TextDecoder };
  sandbox.window = sandbox;
  vm.runInNewContext(readFileSync(path.join(REPO, "static", "stem.js"), "utf8"), sandbox);
  return sandbox.healthkbStem;
}

test("static/stem.js gives every word of tests/stems.tsv the build's term", () => {
  const { term } = stemmer();
  const lines = readFileSync(path.join(REPO, "tests", "stems.tsv"), "utf8").split("\n").filter(Boolean);
  assert.ok(lines.length > 5000, `tests/stems.tsv has ${lines.length} words`);
  const wrong = [];
  for (const line of lines) {
    const [word, built] = line.split("\t");
    const got = term(word) ?? "";
    if (got !== built) wrong.push(`${word}: build ${JSON.stringify(built)}, browser ${JSON.stringify(got)}`);
  }
  assert.deepEqual(wrong, [], `${wrong.length} of ${lines.length} words get another term in the browser`);
});

test("static/stem.js splits a query at white space and hyphens, lowercased, as the build does", () => {
  const { words } = stemmer();
  assert.deepEqual([...words("  Pins-and-needles\tIN the  Back ")], ["pins", "and", "needles", "in", "the", "back"]);
  assert.deepEqual([...words(" -- ")], []);
});
