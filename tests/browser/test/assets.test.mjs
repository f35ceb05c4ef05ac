// The files a reader downloads besides the pages: the CSS and JavaScript stay small. (The search's
// stemmer, static/stem.js, is checked word by word against the build in stem.test.mjs.)
// Prints the byte counts (raw and gzip) for the closing note.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { buildSite, REPO } from "../lib/harness.mjs";

test("CSS and JavaScript a reader downloads stay small", () => {
  const dir = buildSite([]);
  const size = (file) => {
    const bytes = readFileSync(path.join(dir, file));
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  };
  const sum = (files) => files.map(size).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { raw: 0, gzip: 0 });
  // Browsers fetch the print stylesheet too (at low priority), so it counts.
  const css = ["base.css", "chrome.css", "content.css", "pages.css", "print.css"];
  const everyPage = [...css, "site.js"];
  const home = [...everyPage, "finder/index.js", "finder.js"];
  // A search loads the stemmer, the manifest and (here) the shard of one word.
  const manifest = readFileSync(path.join(dir, "search", "index.js"), "utf8");
  const search = ["stem.js", "search/index.js", "search/0.js"];
  const all = [...home, ...search];
  for (const f of all.map(size)) {
    console.log(`${f.file}: ${f.raw} bytes (${f.gzip} gzip)`);
  }
  const report = (label, files) => {
    const s = sum(files);
    console.log(`${label}: ${s.raw} bytes (${s.gzip} gzip)`);
    return s;
  };
  const page = report("every page (CSS + JS)", everyPage);
  const homePage = report("home page with the finder", home);
  report("search, loaded on first use", search);
  const total = report("all CSS and JS a reader can download", all);
  // site.js holds the sharded search (about 8 kB more than when elasticlunr built the index, and
  // 0.4 kB more for looking up first-letter typos in the shard that carries their pages).
  assert.ok(page.raw < 46_000, "CSS and JS on every page under 46 kB");
  assert.ok(homePage.raw < 60_000, "home page CSS and JS under 60 kB");
  assert.ok(total.gzip < 80_000, "everything, compressed, under 80 kB");
  assert.match(manifest, /^window\.healthkbSearch\.manifest\(\{"n":71,/, "the manifest names the documents");
  assert.ok(readdirSync(path.join(dir, "search")).length > 3, "the index has shards");
  const built = readdirSync(dir).filter((f) => f.endsWith(".css") || f.endsWith(".js")).sort();
  // The finder's parts under finder/ load a tick at a time (finder.test.mjs, finder-scale.test.mjs);
  // the search shards under search/ a query at a time (search-quality.test.mjs).
  assert.deepEqual(built, all.filter((f) => !f.includes("/")).sort(), "every top-level CSS and JS file is counted");
});
