// Shared helpers for the browser tests: build the site with the real generator, serve it on
// 127.0.0.1 under a subpath, launch Debian's Chromium through playwright-core, and watch pages for
// console errors and failed requests.

import assert from "node:assert/strict";
import { before, after } from "node:test";
import { spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { cpSync, mkdtempSync, readFileSync, readdirSync, statSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

/** The repository root (two levels above tests/browser). */
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** The subpath the site is served under, to prove it works away from the domain root. */
export const PREFIX = "/guide/";

/** The base URL the served build is made with (the 404 page uses its path). */
export const BASE_URL = "https://example.org/guide/";

/** Where screenshots and the print rendering go (printed by the tests): beside the program. */
export function screenshotsFolder() {
  return path.join(path.dirname(path.dirname(binaryPath())), "screenshots");
}

const madeFolders = [];
process.on("exit", () => {
  for (const dir of madeFolders) {
    rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * A new folder in the system's temporary folder, named `prefix` and random letters, removed when
 * the test file's process ends (every test file makes its folders through this).
 */
export function tempFolder(prefix) {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  madeFolders.push(dir);
  return dir;
}

let builtProgram = null;

/**
 * The program, built by `cargo build --release` (once per test file; nothing to do when it is up
 * to date), at the path cargo itself reports for it: wherever `CARGO_TARGET_DIR`,
 * `build.target-dir` in a cargo config, or a target triple put it. Every test and benchmark that
 * runs the program finds it here.
 */
export function binaryPath() {
  if (builtProgram) {
    return builtProgram;
  }
  const build = spawnSync(
    "cargo",
    ["build", "--release", "--quiet", "--bin", "healthkb", "--message-format=json-render-diagnostics"],
    { cwd: REPO, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  if (build.status !== 0) {
    throw new Error(`cargo build --release failed (${build.status}), so there is no program to test:\n${build.stderr}`);
  }
  builtProgram = programIn(build.stdout);
  if (!builtProgram) {
    throw new Error(`cargo build --release named no healthkb program in its messages:\n${build.stdout.slice(-2000)}`);
  }
  return builtProgram;
}

/** The healthkb executable named in cargo's JSON messages (`--message-format=json`), if any. */
export function programIn(messages) {
  for (const line of messages.split("\n")) {
    if (!line.startsWith("{")) continue;
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      continue;
    }
    if (message.reason === "compiler-artifact" && message.target?.name === "healthkb" && message.executable) {
      return message.executable;
    }
  }
  return null;
}

/**
 * Builds the site into a fresh temporary folder with the program's `build`, and returns the
 * folder. `args` are extra build arguments (`--local`, `--base-url ...`); `root` is the site.
 */
export function buildSite(args = [], root = REPO) {
  const out = path.join(tempFolder("healthkb-browser-"), "guide");
  const run = spawnSync(binaryPath(), ["--root", root, "build", "--out", out, ...args], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) {
    throw new Error(`site build failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
  return out;
}

/** Every file under `dir`, as paths relative to it with `/` separators, sorted. */
export function listFiles(dir) {
  const found = [];
  const walk = (rel) => {
    for (const name of readdirSync(path.join(dir, rel))) {
      const child = rel ? `${rel}/${name}` : name;
      if (statSync(path.join(dir, child)).isDirectory()) {
        walk(child);
      } else {
        found.push(child);
      }
    }
  };
  walk("");
  return found.sort();
}

/** Every generated HTML page, as its URL path below the site root (`""`, `a-z/`, `404.html`). */
export function listPages(dir) {
  return listFiles(dir)
    .filter((f) => f.endsWith(".html"))
    .map((f) => (f.endsWith("index.html") ? f.slice(0, -"index.html".length) : f));
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
};

/**
 * Serves `dir` on 127.0.0.1 (random port) under `PREFIX`. Folder URLs serve their index.html;
 * anything missing gets 404.html with status 404, as static hosts do. Returns { origin, url, close }.
 */
export async function serve(dir) {
  const root = path.resolve(dir);
  const server = createServer((req, res) => {
    const sendFile = (file, status) => {
      const body = readFileSync(file);
      res.writeHead(status, {
        "content-type": TYPES[path.extname(file)] || "application/octet-stream",
        "content-length": body.length,
      });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    const notFound = () => sendFile(path.join(root, "404.html"), 404);
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      return notFound();
    }
    if (!pathname.startsWith(PREFIX)) {
      return notFound();
    }
    let file = path.resolve(root, "." + path.posix.normalize("/" + pathname.slice(PREFIX.length)));
    if (file !== root && !file.startsWith(root + path.sep)) {
      return notFound();
    }
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!pathname.endsWith("/")) {
        res.writeHead(301, { location: pathname + "/" });
        return res.end();
      }
      file = path.join(file, "index.html");
    }
    if (!existsSync(file)) {
      return notFound();
    }
    return sendFile(file, 200);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: origin + PREFIX,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/**
 * Launches Debian's Chromium headless (playwright-core makes a fresh profile for it). Chromium's
 * own temporary files go to a folder of their own, removed with the test file's others: a
 * browser that ends abruptly leaves empty `.org.chromium.Chromium.*` files behind, which
 * tests/run.sh would count as the tests' leftovers.
 */
export async function launch() {
  const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
  if (!existsSync(executablePath)) {
    throw new Error(
      `no browser: ${executablePath} does not exist. Install Chromium (apt-get install chromium), ` +
        "point CHROMIUM at one, or skip the browser tests with HEALTHKB_SKIP_BROWSER=1 bash tests/run.sh",
    );
  }
  return chromium.launch({
    executablePath,
    env: { ...process.env, TMPDIR: tempFolder("healthkb-chromium-") },
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * Records console errors, page errors and failed requests (network failures and HTTP errors) on
 * `page`. `expected404` is a URL that may answer 404 (the 404 page itself).
 */
export function watch(page, expected404 = null) {
  const problems = [];
  page.on("console", (msg) => {
    const expected = expected404 && msg.location()?.url === expected404 && /404/.test(msg.text());
    if ((msg.type() === "error" || msg.type() === "warning") && !expected) {
      problems.push(`console ${msg.type()}: ${msg.text()}`);
    }
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("requestfailed", (req) => {
    const error = req.failure()?.errorText ?? "";
    // A request the test itself cut short (it went to the next page while the favicon was still
    // loading) is not a fault of the site; a missing file shows as an HTTP status below.
    if (error === "net::ERR_ABORTED") return;
    problems.push(`request failed: ${req.url()} (${error})`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400 && res.url() !== expected404) {
      problems.push(`HTTP ${res.status()}: ${res.url()}`);
    }
  });
  return problems;
}

/**
 * For a test file: builds the site with `args`, serves it and launches the browser before its
 * tests, and closes both after them. The returned object's `dir` (the build), `pages` (its
 * pages, see `listPages`), `server` and `browser` are set once the tests run.
 */
export function servedSite(args = ["--base-url", BASE_URL]) {
  return servedFrom(() => buildSite(args));
}

/**
 * Before a file's tests: `build()` gives the built site's folder, which is listed and served, and
 * the browser is launched; after them both are closed.
 */
function servedFrom(build) {
  const site = { dir: null, pages: null, server: null, browser: null };
  before(async () => {
    site.dir = build();
    site.pages = listPages(site.dir);
    site.server = await serve(site.dir);
    site.browser = await launch();
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}

/**
 * Opens `url` in a fresh browser context (1280 x 900 unless `options` say otherwise) that records
 * problems: `check()` fails the test if any were seen, `close()` ends the context.
 */
export async function openPage(browser, url, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(url);
  return {
    page,
    problems,
    check: () => assert.deepEqual(problems, [], `problems on ${page.url()}`),
    close: () => context.close(),
  };
}

/**
 * Searches for `words` from the header's search box and waits until the results are shown and
 * focus has moved to their heading; returns the result list's items.
 */
export async function searchFromHeader(page, words) {
  const box = page.locator("#site-search-q");
  await box.fill(words);
  await box.press("Enter");
  await page.locator("#search-panel").waitFor({ state: "visible" });
  await page.waitForFunction(() => document.activeElement?.id === "search-heading");
  return page.locator("#search-results li");
}

/** Makes the screenshots folder and returns the path of `name` inside it. */
export function screenshotPath(name) {
  const folder = screenshotsFolder();
  mkdirSync(folder, { recursive: true });
  return path.join(folder, name);
}

/** The folders of this guide's site that a copy of it needs besides `site.toml`. */
const GUIDE_PARTS = ["articles", "templates", "static", "i18n", "translations"];

/**
 * Copies this guide's site into `root` (a new folder), with `extraConfig` appended to its
 * `site.toml`, and returns `root`: for tests that build the guide with a setting changed. With
 * `english`, the copy is in English alone (no `languages`, no translations): for a test that
 * declares taxonomies of its own, which the Spanish edition has no words for.
 */
export function copyGuide(root, extraConfig = "", { english = false } = {}) {
  for (const part of GUIDE_PARTS.filter((p) => !(english && p === "translations"))) {
    cpSync(path.join(REPO, part), path.join(root, part), { recursive: true });
  }
  let config = readFileSync(path.join(REPO, "site.toml"), "utf8");
  if (english) {
    const languages = /^languages = \[\n[\s\S]*?^\]\n/m;
    assert.match(config, languages, "site.toml lists the guide's languages");
    config = config.replace(languages, "");
  }
  writeFileSync(path.join(root, "site.toml"), `${config}${extraConfig}`);
  return root;
}

/**
 * For a test file on a site of its own: before its tests, `prepare(folder)` makes a site in a new
 * temporary folder and returns the site's root; the program cargo built builds it (with `args`)
 * into `<root>/public`, which is served, and the browser is launched; after them both are closed.
 * The returned object is `servedSite`'s, set once the tests run.
 */
export function servedBuild(prefix, prepare, args = []) {
  return servedFrom(() => {
    const root = prepare(tempFolder(prefix));
    const dir = path.join(root, "public");
    const run = spawnSync(binaryPath(), ["--root", root, "build", "--out", dir, ...args], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    assert.equal(run.status, 0, `the build of ${root} failed:\n${run.stderr}`);
    return dir;
  });
}
