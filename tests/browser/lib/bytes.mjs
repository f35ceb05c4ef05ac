// Byte counting for the search benchmark (benches/search.mjs) and the size tests
// (test/weight.test.mjs): a static server that gzips like a real host and counts what it sends,
// and the reader's search through the real UI (type in the search box, Enter, wait for the
// result status).
//
// Everything the server sends is counted as body bytes on the wire (headers left out). Text types
// (HTML, CSS, JavaScript, JSON, SVG, XML, plain text) are gzipped at level 6 when the browser asks
// for it, as Netlify, GitHub Pages or nginx with gzip on do; other files (Pagefind's own, which
// Pagefind gzips itself) go as they are. Responses may be cached for an hour, so a file already
// loaded in the page is not fetched again.

import { createServer } from "node:http";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

export function walk(dir, rel = "", found = []) {
  for (const name of readdirSync(path.join(dir, rel)).sort()) {
    const child = rel ? `${rel}/${name}` : name;
    const st = statSync(path.join(dir, child));
    if (st.isDirectory()) walk(dir, child, found);
    else found.push({ file: child, bytes: st.size });
  }
  return found;
}

export const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".wasm": "application/wasm",
};
export const COMPRESSIBLE = new Set([".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt"]);

/** A bare page for Pagefind: no CSP, nothing but what its search needs. */
export const PAGEFIND_PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Pagefind bench</title></head>
<body><p>Pagefind bench page</p>
<script>
window.pfQuery = async function (q) {
  const pagefind = await import("/pagefind/pagefind.js");
  const search = await pagefind.search(q);
  const top = await Promise.all(search.results.slice(0, 5).map((r) => r.data()));
  return { count: search.results.length, urls: top.map((d) => d.url) };
};
</script></body></html>
`;

/**
 * Serves `site` at /, and `pagefindDir` (when given) at /pagefind/ with the bare page at
 * /__pagefind.html. Counts requests and the bytes of the bodies it sends.
 */
export async function byteCountingServer(site, pagefindDir) {
  const gz = new Map();
  const stats = { requests: 0, bytes: 0, rawBytes: 0, log: [], inflight: 0, lastDone: Date.now() };
  const server = createServer((req, res) => {
    stats.requests++;
    stats.inflight++;
    let done = false;
    const finish = () => {
      if (!done) {
        done = true;
        stats.inflight--;
        stats.lastDone = Date.now();
      }
    };
    res.on("finish", finish);
    res.on("close", finish);
    const send = (status, body, ext, file) => {
      const headers = {
        "content-type": TYPES[ext] || "application/octet-stream",
        "cache-control": "public, max-age=3600",
      };
      let out = body;
      const gzipOk = /\bgzip\b/.test(req.headers["accept-encoding"] || "");
      if (gzipOk && COMPRESSIBLE.has(ext)) {
        const key = file || "";
        out = (file && gz.get(key)) || gzipSync(body, { level: 6 });
        if (file) gz.set(key, out);
        headers["content-encoding"] = "gzip";
        headers.vary = "Accept-Encoding";
      }
      headers["content-length"] = out.length;
      res.writeHead(status, headers);
      stats.bytes += out.length;
      stats.rawBytes += body.length;
      stats.log.push({ path: pathname, status, bytes: out.length, raw: body.length });
      res.end(out);
    };
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      pathname = "/";
    }
    if (pathname === "/__pagefind.html") {
      return send(200, Buffer.from(PAGEFIND_PAGE), ".html", null);
    }
    let root = site;
    let rel = pathname;
    if (pagefindDir && pathname.startsWith("/pagefind/")) {
      root = pagefindDir;
      rel = pathname.slice("/pagefind".length);
    }
    let file = path.resolve(root, "." + path.posix.normalize(rel));
    if (file !== root && !file.startsWith(root + path.sep)) file = path.join(site, "404.html");
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!existsSync(file)) {
      const nf = path.join(site, "404.html");
      return send(404, existsSync(nf) ? readFileSync(nf) : Buffer.from("not found"), ".html", nf);
    }
    return send(200, readFileSync(file), path.extname(file), file);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    stats,
    close: () => new Promise((resolve) => server.close(resolve)),
    /** Waits until no request is open and none has ended for `quietMs`. */
    async idle(quietMs = 400) {
      for (;;) {
        await new Promise((r) => setTimeout(r, 50));
        if (stats.inflight === 0 && Date.now() - stats.lastDone >= quietMs) return;
      }
    },
    mark() {
      return { at: stats.log.length };
    },
    /** What was sent since mark `m`, leaving out the favicon (the browser asks for it when it likes). */
    since(m) {
      const files = stats.log.slice(m.at).filter((f) => !/\/favicon\.[a-z]+$/.test(f.path));
      return {
        requests: files.length,
        bytes: files.reduce((s, f) => s + f.bytes, 0),
        rawBytes: files.reduce((s, f) => s + f.raw, 0),
        files: files.map((f) => `${f.path} ${f.bytes}`),
      };
    },
  };
}

export const FINAL_STATUS = /found|result|no pages|nothing|could not/i;
export const BUSY_STATUS = /searching|loading/i;

/** Watches the search status for the next final message (after `arm`). */
export async function armStatus(page) {
  await page.evaluate(
    ([finalSrc, busySrc]) => {
      const finalRe = new RegExp(finalSrc, "i");
      const busyRe = new RegExp(busySrc, "i");
      const status = document.getElementById("search-status") || document.querySelector("[role=status]");
      window.__benchFinal = null;
      window.__benchArmed = Date.now();
      if (!status) return;
      if (window.__benchObserver) window.__benchObserver.disconnect();
      window.__benchObserver = new MutationObserver(() => {
        const text = status.textContent.trim();
        if (text && finalRe.test(text) && !busyRe.test(text)) window.__benchFinal = text;
      });
      window.__benchObserver.observe(status, { childList: true, characterData: true, subtree: true });
    },
    [FINAL_STATUS.source, BUSY_STATUS.source],
  );
}

/** Types `query` into the page's search box, submits, and waits for the result status. */
export async function oursQuery(page, query) {
  const input = page.locator("form[data-search] input[name=q], input[type=search]").first();
  await input.click();
  await input.fill("");
  await input.pressSequentially(query, { delay: 15 });
  await armStatus(page);
  await input.press("Enter");
  // The next final status message, or (if Enter did not rewrite an already final one) the current
  // one after a second.
  await page.waitForFunction(
    ([finalSrc, busySrc]) => {
      if (window.__benchFinal) return true;
      const status = document.getElementById("search-status") || document.querySelector("[role=status]");
      const text = status ? status.textContent.trim() : "";
      return Date.now() - window.__benchArmed > 1000 && new RegExp(finalSrc, "i").test(text) &&
        !new RegExp(busySrc, "i").test(text);
    },
    [FINAL_STATUS.source, BUSY_STATUS.source],
    { timeout: 60000, polling: 50 },
  );
  const status = await page.evaluate(() => {
    const s = document.getElementById("search-status") || document.querySelector("[role=status]");
    return s ? s.textContent.trim() : "";
  });
  const urls = await page.evaluate(() => {
    const list = document.getElementById("search-results") || document.querySelector("#search-panel ol, #search-panel ul");
    if (!list) return [];
    const seen = [];
    for (const a of list.querySelectorAll("a[href]")) {
      const u = new URL(a.getAttribute("href"), location.href).pathname;
      if (!seen.includes(u)) seen.push(u);
      if (seen.length === 5) break;
    }
    return seen;
  });
  return { status, urls: urls.map(normalize) };
}

export async function pagefindQuery(page, query) {
  const r = await page.evaluate((q) => window.pfQuery(q), query);
  return { status: `${r.count} results`, urls: r.urls.map(normalize) };
}

/** `/articles/sciatica/index.html` -> `articles/sciatica/`. */
export function normalize(u) {
  let p = u.replace(/^https?:\/\/[^/]+/, "").replace(/[?#].*$/, "").replace(/^\/+/, "");
  if (p.endsWith("index.html")) p = p.slice(0, -"index.html".length);
  return p;
}

/**
 * Scripts of the search, when the page loads them before any query: the site script (which holds
 * the search box's code) and anything named for search. The finder's scripts are not search code.
 */
export const SEARCH_CODE = /(^|\/)(site\.js|[^/]*(search|elasticlunr|minisearch|stem)[^/]*)$/i;

/**
 * Cold query (fresh context, from the start page) and warm query (same page) for one engine, then
 * any `later` queries in the same page. Returns { pageLoad, cold, warm, later: [...] } with bytes
 * and requests for each.
 */
export async function coldWarm(browser, server, engine, cold, warm, later = []) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const start = server.mark();
  const url = engine === "ours" ? `${server.origin}/` : `${server.origin}/__pagefind.html`;
  await page.goto(url, { waitUntil: "load" });
  await server.idle();
  const pageLoad = server.since(start);
  const scripts = server.stats.log.slice(start.at).filter((f) => /\.m?js$/.test(f.path));
  pageLoad.scriptBytes = scripts.reduce((s, f) => s + f.bytes, 0);
  const searchScripts = scripts.filter((f) => SEARCH_CODE.test(f.path));
  pageLoad.searchScriptBytes = searchScripts.reduce((s, f) => s + f.bytes, 0);
  pageLoad.searchScripts = searchScripts.map((f) => `${f.path} ${f.bytes}`);
  const run = engine === "ours" ? oursQuery : pagefindQuery;
  const out = { pageLoad, later: [] };
  const queries = [["cold", cold], ["warm", warm], ...later.map((q) => ["later", q])];
  for (const [name, q] of queries) {
    const m = server.mark();
    const t0 = Date.now();
    const r = await run(page, q);
    const ms = Date.now() - t0; // to the result status, typing included
    await server.idle();
    const figures = { query: q, msToStatus: ms, ...server.since(m), status: r.status, top5: r.urls };
    if (name === "later") out.later.push(figures);
    else out[name] = figures;
  }
  if (errors.length) out.errors = errors;
  await context.close();
  return out;
}
