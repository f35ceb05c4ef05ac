// Search benchmark (issue 15): our search against Pagefind on the same built site, counting the
// bytes a reader downloads, in Debian's Chromium through playwright-core. Run through
// benches/search.sh, which installs what is missing; `node benches/search.mjs --help` for options.
//
// For each size N: generates the Zipf corpus (benches/gen_corpus.py --vocab zipf), builds it with
// healthkb (timed, peak memory), runs Pagefind on the built site into a folder of its own (timed,
// peak memory), serves both through one byte-counting HTTP server that gzips like a static host,
// and measures in a fresh browser context
//   ours:     the home page, then the search box: click, type the query, Enter, wait for the
//             result status (the live region), then a second, different query in the same page;
//   Pagefind: a bare page (no CSP) that imports /pagefind/pagefind.js, runs search(q) and loads
//             .data() of the top 5 results, as Pagefind's UI does; then a second query.
// A query's figures are the compressed bytes and the requests the server answered from the
// moment the query starts until the network is quiet after the results are shown (the server and
// the UI steps are in tests/browser/lib/bytes.mjs, shared with test/weight.test.mjs). Then the
// quality set (tests/search-queries.json) on the real site (articles/): a query is a hit when any
// expected page is among the top 5 results.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launch, binaryPath } from "../tests/browser/lib/harness.mjs";
import { byteCountingServer, coldWarm, normalize, oursQuery, pagefindQuery, walk } from "../tests/browser/lib/bytes.mjs";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const HELP = `usage: node benches/search.mjs [N ...] [options]

  N                   corpus sizes (default 1000 10000)
  --work DIR          where corpora, builds and indexes go (default /dev/shm/hkb-search)
  --healthkb PATH     the program to benchmark (default: cargo's release build)
  --pagefind PATH     Pagefind's program (default: the one pip installed, pagefind_bin)
  --site-files DIR    the checkout whose site.toml, templates/, static/ and (for the quality
                      set) articles/ are used (default: this one), to measure another branch
                      with HEALTHKB set to its program
  --queries FILE      the quality set (default tests/search-queries.json of --site-files)
  --cold Q --warm Q   the two corpus queries (default "sciatica", then "numbness")
  --later Q,Q,...     later queries in the same page, after the warm one (default typos in the
                      first letter, changed, dropped and added: "xciatica,umbness,aweakness")
  --no-pagefind       measure only ours
  --no-quality        skip the quality set on the real site
  --out FILE          the JSON results (default benches/results/<time>-search-n<N...>.json)`;

function parseArgs(argv) {
  const opts = {
    sizes: [],
    work: "/dev/shm/hkb-search",
    healthkb: process.env.HEALTHKB || null,
    pagefind: process.env.PAGEFIND || null,
    site: REPO,
    queries: null,
    cold: "sciatica",
    warm: "numbness",
    later: ["xciatica", "umbness", "aweakness"],
    pagefindOn: true,
    quality: true,
    out: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) {
        throw new Error(`${a} needs a value`);
      }
      return argv[++i];
    };
    if (a === "--help" || a === "-h") {
      console.log(HELP);
      process.exit(0);
    } else if (a === "--work") opts.work = value();
    else if (a === "--healthkb") opts.healthkb = value();
    else if (a === "--pagefind") opts.pagefind = value();
    else if (a === "--queries") opts.queries = value();
    else if (a === "--site-files") opts.site = path.resolve(value());
    else if (a === "--cold") opts.cold = value();
    else if (a === "--warm") opts.warm = value();
    else if (a === "--later") opts.later = value().split(",").filter((q) => q.trim());
    else if (a === "--no-pagefind") opts.pagefindOn = false;
    else if (a === "--no-quality") opts.quality = false;
    else if (a === "--out") opts.out = value();
    else if (/^\d+$/.test(a) && Number(a) > 0) opts.sizes.push(Number(a));
    else throw new Error(`unknown argument ${a}\n${HELP}`);
  }
  if (!opts.sizes.length) opts.sizes = [1000, 10000];
  opts.queries ??= path.join(opts.site, "tests", "search-queries.json");
  if (opts.cold === opts.warm) throw new Error("--cold and --warm must be different queries");
  return opts;
}

/** Runs a program under GNU time; returns { seconds, peakMB, stdout, stderr } or throws. */
function timed(cmd, args, options = {}) {
  const run = spawnSync("/usr/bin/time", ["-v", cmd, ...args], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    ...options,
  });
  if (run.status !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} failed (${run.status}):\n${run.stdout.slice(-3000)}\n${run.stderr.slice(-3000)}`);
  }
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(run.stderr);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(run.stderr);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(run.stderr);
  const seconds = wall ? Number(wall[1] || 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : null;
  const cpuSeconds = user && sys ? Math.round((Number(user[1]) + Number(sys[1])) * 100) / 100 : null;
  return { seconds, cpuSeconds, peakMB: rss ? Math.round(Number(rss[1]) / 1024) : null, stdout: run.stdout, stderr: run.stderr };
}

/**
 * The result URLs an expected page may have: as written (`articles/sciatica/`), and, when the
 * built site has no such page, without the source folder (`sciatica/`, where healthkb puts an
 * article); `articles/sciatica.md` is taken as that article.
 */
function expected(e, site) {
  let p = normalize(e).replace(/\.md$/, "/");
  const out = [p];
  const stripped = p.replace(/^articles\//, "");
  if (stripped !== p && !existsSync(path.join(site, p))) out.push(stripped);
  return out;
}

function gen(n, dir, repo) {
  const meta = path.join(dir, "corpus.json");
  if (existsSync(meta)) {
    const m = JSON.parse(readFileSync(meta, "utf8"));
    if (m.articles === n && m.seed === 1 && m.vocab === "zipf" && existsSync(path.join(dir, "ours", "site.toml"))) {
      // The copied templates and static files follow the repository's current state.
      for (const sub of ["templates", "i18n", "static"]) {
        rmSync(path.join(dir, "ours", sub), { recursive: true, force: true });
        spawnSync("cp", ["-r", path.join(repo, sub), path.join(dir, "ours", sub)]);
      }
      // site.toml as the generator writes it (without the about page the corpus lacks).
      const toml = spawnSync("python3", ["-c", "import sys; sys.path.insert(0, sys.argv[1]); import gen_corpus; from pathlib import Path; sys.stdout.write(gen_corpus.corpus_site_toml(Path(sys.argv[2])))", path.join(REPO, "benches"), repo], { encoding: "utf8" });
      if (toml.status !== 0) throw new Error(`gen_corpus.corpus_site_toml failed: ${toml.stderr}`);
      writeFileSync(path.join(dir, "ours", "site.toml"), toml.stdout);
      return m;
    }
  }
  console.error(`N=${n}: generating the Zipf corpus`);
  const run = spawnSync("python3", [path.join(REPO, "benches", "gen_corpus.py"), "--n", String(n), "--vocab", "zipf", "--out", dir, "--repo", repo], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`gen_corpus.py failed:\n${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** Files of our search on disk: anything named for search, and whatever a query loaded. */
function oursIndex(site, loaded) {
  const all = walk(site);
  const named = (f) => /(^|\/)[^/]*(search|elasticlunr|minisearch|stem)[^/]*($|\/)/i.test(f) &&
    !/\.html$|LICENSE/i.test(f);
  const loadedSet = new Set(loaded.map((l) => l.split(" ")[0].replace(/^\//, "")).filter((f) => !f.endsWith(".html") && !f.endsWith("/")));
  const files = all.filter((f) => named(f.file) || loadedSet.has(f.file));
  return summarize(files);
}

function summarize(files) {
  return {
    files: files.length,
    bytes: files.reduce((s, f) => s + f.bytes, 0),
    largest: files.sort((a, b) => b.bytes - a.bytes).slice(0, 5).map((f) => `${f.file} ${f.bytes}`),
  };
}

function buildOurs(healthkb, root, out) {
  rmSync(out, { recursive: true, force: true });
  return timed(healthkb, ["build", "--root", root, "--out", out]);
}

function runPagefind(pagefind, site, out) {
  rmSync(out, { recursive: true, force: true });
  return timed(pagefind, ["--site", site, "--output-path", out]);
}

function findPagefind() {
  const r = spawnSync("python3", ["-c", "import pagefind_bin; print(pagefind_bin.get_executable())"], { encoding: "utf8" });
  if (r.status !== 0) {
    throw new Error("Pagefind is not installed: run `python3 -m pip install pagefind-bin` (benches/search.sh does), " +
      `or pass --pagefind PATH, or --no-pagefind.\n${r.stderr}`);
  }
  return r.stdout.trim();
}

/** The quality set, checked, or null when there is none. */
function loadQueries(opts) {
  if (!existsSync(opts.queries)) {
    return null;
  }
  let set;
  try {
    set = JSON.parse(readFileSync(opts.queries, "utf8"));
  } catch (e) {
    throw new Error(`${opts.queries}: not valid JSON (${e.message}); expected [{"query": "...", "expect": ["page/", ...], "why": "..."}]`);
  }
  const bad = Array.isArray(set)
    ? set.findIndex((q) => typeof q?.query !== "string" || !q.query.trim() || !Array.isArray(q.expect) || !q.expect.length)
    : 0;
  if (bad >= 0) {
    throw new Error(`${opts.queries}: entry ${bad + 1} needs a non-empty "query" and a non-empty "expect" list of pages`);
  }
  return set;
}

async function quality(browser, opts, set, healthkb, pagefind) {
  if (!set) {
    return { skipped: `no quality set at ${opts.queries}` };
  }
  const dir = path.join(opts.work, "real");
  mkdirSync(dir, { recursive: true });
  const site = path.join(dir, "site");
  buildOurs(healthkb, opts.site, site);
  const pfDir = path.join(dir, "pagefind");
  if (pagefind) runPagefind(pagefind, site, pfDir);
  const server = await byteCountingServer(site, pagefind ? pfDir : null);
  const result = { queries: set.length, file: path.relative(REPO, opts.queries) };
  try {
    for (const engine of pagefind ? ["ours", "pagefind"] : ["ours"]) {
      let hits = 0;
      const misses = [];
      for (const item of set) {
        // A fresh page per query, as a reader arriving from elsewhere: what earlier queries
        // loaded (our shards) must not help a later one.
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(engine === "ours" ? `${server.origin}/` : `${server.origin}/__pagefind.html`, { waitUntil: "load" });
        const r = engine === "ours" ? await oursQuery(page, item.query) : await pagefindQuery(page, item.query);
        await context.close();
        const expect = item.expect.flatMap((e) => expected(e, site));
        if (r.urls.some((u) => expect.includes(u))) hits++;
        else misses.push({ query: item.query, expect, top5: r.urls });
      }
      result[engine] = { hits, rate: set.length ? hits / set.length : 0, misses };
    }
  } finally {
    await server.close();
  }
  return result;
}

const kb = (b) => (b == null ? "-" : `${(b / 1024).toFixed(1)} KB`);
const mb = (b) => (b == null ? "-" : `${(b / 1048576).toFixed(1)} MB`);

function table(results) {
  const rows = [];
  const line = (label, ours, pf) => rows.push([label, ours, pf]);
  for (const r of results.sizes) {
    line(`N = ${r.articles}`, "ours", "Pagefind");
    const t = (x) => `${x.seconds} s (CPU ${x.cpuSeconds} s)`;
    line("  build / index time", t(r.ours.build), r.pagefind ? t(r.pagefind.index) : "-");
    line("  build / index peak memory", `${r.ours.build.peakMB} MB`, r.pagefind ? `${r.pagefind.index.peakMB} MB` : "-");
    line("  index on disk", `${mb(r.ours.indexOnDisk.bytes)} (${r.ours.indexOnDisk.files} files)`,
      r.pagefind ? `${mb(r.pagefind.indexOnDisk.bytes)} (${r.pagefind.indexOnDisk.files} files)` : "-");
    for (const q of ["cold", "warm"]) {
      const o = r.ours.query[q];
      const p = r.pagefind ? r.pagefind.query[q] : null;
      line(`  ${q} query "${o.query}"`, `${kb(o.bytes)} in ${o.requests} req`, p ? `${kb(p.bytes)} in ${p.requests} req` : "-");
    }
    r.ours.query.later.forEach((o, i) => {
      const p = r.pagefind ? r.pagefind.query.later[i] : null;
      line(`  later query "${o.query}"`, `${kb(o.bytes)} in ${o.requests} req`, p ? `${kb(p.bytes)} in ${p.requests} req` : "-");
    });
    const pl = r.ours.query.pageLoad;
    line("  cold + search code loaded with the page", kb(r.ours.query.cold.bytes + pl.searchScriptBytes),
      r.pagefind ? kb(r.pagefind.query.cold.bytes + r.pagefind.query.pageLoad.searchScriptBytes) : "-");
    line("  start page load, all files", `${kb(r.ours.query.pageLoad.bytes)} in ${r.ours.query.pageLoad.requests} req`,
      r.pagefind ? `${kb(r.pagefind.query.pageLoad.bytes)} (bare page)` : "-");
    line("  of which scripts", kb(r.ours.query.pageLoad.scriptBytes), r.pagefind ? kb(r.pagefind.query.pageLoad.scriptBytes) : "-");
  }
  if (results.quality && !results.quality.skipped) {
    const q = results.quality;
    const pct = (x) => `${x.hits}/${q.queries} (${Math.round(100 * x.rate)}%)`;
    line(`quality set top-5 (${q.queries} queries, real site)`, pct(q.ours), q.pagefind ? pct(q.pagefind) : "-");
  } else if (results.quality) {
    line("quality set", results.quality.skipped, "");
  }
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => String(c).padEnd(w[i])).join("  ")).join("\n");
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const healthkb = opts.healthkb || binaryPath();
  if (!existsSync(healthkb)) throw new Error(`no healthkb program at ${healthkb}: run cargo build --release`);
  const pagefind = opts.pagefindOn ? opts.pagefind || findPagefind() : null;
  const pagefindVersion = pagefind ? spawnSync(pagefind, ["--version"], { encoding: "utf8" }).stdout.trim() : null;
  const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: opts.site, encoding: "utf8" }).stdout?.trim() || null;
  const results = { date: new Date().toISOString(), commit, siteFiles: opts.site, healthkb, pagefind: pagefindVersion, sizes: [] };
  const querySet = opts.quality ? loadQueries(opts) : null;
  const browser = await launch();
  try {
    for (const n of opts.sizes) {
      const dir = path.join(opts.work, `n${n}`);
      const corpus = gen(n, dir, opts.site);
      const site = path.join(dir, "site");
      console.error(`N=${n}: building with healthkb`);
      const build = buildOurs(healthkb, path.join(dir, "ours"), site);
      const entry = {
        articles: n,
        corpus: {
          distinct_body_words: corpus.distinct_body_words,
          articles_of_top_word: corpus.articles_of_top_word,
          articles_of_median_word: corpus.articles_of_median_word,
        },
        ours: { build: { seconds: build.seconds, cpuSeconds: build.cpuSeconds, peakMB: build.peakMB } },
      };
      let pfDir = null;
      if (pagefind) {
        console.error(`N=${n}: indexing with Pagefind`);
        pfDir = path.join(dir, "pagefind");
        const idx = runPagefind(pagefind, site, pfDir);
        entry.pagefind = { index: { seconds: idx.seconds, cpuSeconds: idx.cpuSeconds, peakMB: idx.peakMB }, indexOnDisk: summarize(walk(pfDir)) };
      }
      const server = await byteCountingServer(site, pfDir);
      try {
        console.error(`N=${n}: measuring in Chromium`);
        entry.ours.query = await coldWarm(browser, server, "ours", opts.cold, opts.warm, opts.later);
        entry.ours.indexOnDisk = oursIndex(site, [...entry.ours.query.cold.files, ...entry.ours.query.warm.files,
          ...entry.ours.query.later.flatMap((q) => q.files), ...entry.ours.query.pageLoad.files.filter((f) => /search/i.test(f))]);
        if (pagefind) entry.pagefind.query = await coldWarm(browser, server, "pagefind", opts.cold, opts.warm, opts.later);
      } finally {
        await server.close();
      }
      results.sizes.push(entry);
    }
    if (opts.quality) {
      console.error("quality set on the real site");
      results.quality = await quality(browser, opts, querySet, healthkb, pagefind);
    }
  } finally {
    await browser.close();
  }
  console.log(table(results));
  const stamp = results.date.replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  const out = opts.out || path.join(REPO, "benches", "results", `${stamp}-search-n${opts.sizes.join("-")}.json`);
  writeFileSync(out, JSON.stringify(results, null, 2) + "\n");
  console.log(`\nresults: ${path.relative(REPO, out)}`);
}

main().catch((e) => {
  console.error(e.message || e);
  process.exit(1);
});
