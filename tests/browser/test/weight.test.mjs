// What a reader downloads on a big site (issue 15): a 10,000-article corpus whose words follow a
// Zipf law like real text (benches/gen_corpus.py --vocab zipf), built with the real program and
// served through a server that gzips like a static host and counts the bytes it sends
// (lib/bytes.mjs, the same one benches/search.sh measures with).
//   - the first search (from the home page: type, Enter, result status) downloads at most 100 KB
//     gzipped, the search code included, and every later query (one word, two words, a word with
//     a typo) at most 50 KB in at most 2 requests;
//   - no HTML page and no script of the output is over 100 KB gzipped.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { REPO, launch, tempFolder, binaryPath } from "../lib/harness.mjs";
import { byteCountingServer, coldWarm, walk } from "../lib/bytes.mjs";

const ARTICLES = 10000;
const KB = 1024;
const FIRST_SEARCH_LIMIT = 100 * KB;
const LATER_QUERY_LIMIT = 50 * KB;
const LATER_QUERY_REQUESTS = 2;
const FILE_LIMIT = 100 * KB;
// A real health word of the corpus (in titles and bodies), then another; then later queries of
// two words (common and rare ones, whose shards no earlier query loaded) and of a word with a
// typo, each of which must find pages.
const COLD = "sciatica";
const WARM = "numbness";
// The last three have a typo in the first letter (changed, dropped, added), whose name is in
// another shard than the typo.
const LATER = ["stiffness burning", "sometimes flaxneic", "back pain", "tinglng", "hip cramp", "xciatica", "umbness", "aweakness"];

const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;

let site;
let server;
let browser;

before(async () => {
  const work = tempFolder("healthkb-weight-");
  const corpus = path.join(work, "corpus");
  const gen = spawnSync(
    "python3",
    [path.join(REPO, "benches", "gen_corpus.py"), "--n", String(ARTICLES), "--vocab", "zipf", "--out", corpus],
    { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 },
  );
  assert.equal(gen.status, 0, `gen_corpus.py failed:\n${gen.stderr}`);
  site = path.join(work, "site");
  const run = spawnSync(binaryPath(), ["build", "--root", path.join(corpus, "ours"), "--out", site], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(run.status, 0, `the ${ARTICLES}-article build failed:\n${run.stderr.slice(-4000)}`);
  server = await byteCountingServer(site, null);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The cold and warm query, measured once for both tests below. */
let measured;
function measure() {
  measured ??= coldWarm(browser, server, "ours", COLD, WARM, LATER).then((m) => {
    assert.deepEqual(m.errors ?? [], [], "the page raised errors while searching");
    for (const q of [m.cold, m.warm, ...m.later]) {
      assert.ok(q.top5.length > 0, `the search for "${q.query}" showed no results; its status said "${q.status}"`);
    }
    return m;
  });
  return measured;
}

const listing = (files) => files.map((f) => `\n    ${f.replace(/ (\d+)$/, (_, b) => ` ${kb(Number(b))}`)}`).join("");

test(`the first search on ${ARTICLES} articles downloads at most 100 KB gzipped, the search code included`, async () => {
  const m = await measure();
  const first = m.cold.bytes + m.pageLoad.searchScriptBytes;
  assert.ok(
    first <= FIRST_SEARCH_LIMIT,
    `the first search ("${COLD}") downloads ${kb(first)} gzipped, over ${kb(FIRST_SEARCH_LIMIT)}: ` +
      `${kb(m.cold.bytes)} in ${m.cold.requests} requests for the query` +
      listing(m.cold.files) +
      `\n  and ${kb(m.pageLoad.searchScriptBytes)} of search code loaded with the home page` +
      listing(m.pageLoad.searchScripts),
  );
});

test(`every later search on ${ARTICLES} articles (one word, two words, a typo) downloads at most 50 KB gzipped in at most 2 requests`, async () => {
  const m = await measure();
  const over = [m.warm, ...m.later].filter((q) => q.bytes > LATER_QUERY_LIMIT || q.requests > LATER_QUERY_REQUESTS);
  assert.deepEqual(
    over.map((q) => `"${q.query}": ${kb(q.bytes)} gzipped in ${q.requests} requests:${listing(q.files)}`),
    [],
    `later queries over ${kb(LATER_QUERY_LIMIT)} or ${LATER_QUERY_REQUESTS} requests`,
  );
});

test(`no HTML page and no script of the ${ARTICLES}-article site is over 100 KB gzipped`, () => {
  const over = [];
  let checked = 0;
  for (const { file } of walk(site)) {
    if (!/\.(html|m?js)$/.test(file)) {
      continue;
    }
    checked++;
    const raw = readFileSync(path.join(site, file));
    const gz = gzipSync(raw, { level: 6 }).length;
    if (gz > FILE_LIMIT) {
      over.push({ file, gz, raw: raw.length });
    }
  }
  assert.ok(checked > ARTICLES, `only ${checked} HTML pages and scripts in the output`);
  over.sort((a, b) => b.gz - a.gz || a.file.localeCompare(b.file));
  assert.deepEqual(
    over.map((o) => `${o.file}: ${kb(o.gz)} gzipped (${kb(o.raw)})`),
    [],
    `${over.length} of ${checked} pages and scripts are over ${kb(FILE_LIMIT)} gzipped (largest first)`,
  );
});
