// `healthkb serve --open` with a real browser (issue 7): --open hands the printed address to the
// system's browser ($BROWSER), the page it opens reloads itself after an edit, a broken edit
// shows an overlay naming the file and line over the last good page, and fixing it clears the
// overlay.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync, chmodSync, existsSync, cpSync } from "node:fs";
import path from "node:path";
import { REPO, launch, watch, screenshotPath, tempFolder, binaryPath } from "../lib/harness.mjs";

const BINARY = binaryPath();
const ARTICLE = "articles/back-spasm.md";

let work;
let server;
let browser;
let opened;

/** Waits until `check()` returns something truthy, or fails after `ms`. */
async function until(check, ms, what) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) {
      return value;
    }
    if (Date.now() > end) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

before(async () => {
  work = tempFolder("healthkb-serve-");
  const site = path.join(work, "site");
  for (const part of ["articles", "templates", "i18n", "static", "site.toml"]) {
    cpSync(path.join(REPO, part), path.join(site, part), { recursive: true });
  }
  // A stand-in for the system browser: it records the address it was asked to open.
  opened = path.join(work, "opened.txt");
  const fakeBrowser = path.join(work, "browser.sh");
  writeFileSync(fakeBrowser, `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`);
  chmodSync(fakeBrowser, 0o755);
  server = spawn(BINARY, ["--root", site, "serve", "--open"], {
    env: { ...process.env, BROWSER: fakeBrowser },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.output = "";
  server.stdout.on("data", (d) => (server.output += d));
  server.stderr.on("data", (d) => (server.output += d));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.kill("SIGINT");
});

const edit = (from, to) => {
  const file = path.join(work, "site", ARTICLE);
  const text = readFileSync(file, "utf8");
  assert.ok(text.includes(from), `${ARTICLE} has ${from}`);
  writeFileSync(file, text.replace(from, to));
};

test("--open opens the printed address, and the page reloads itself after an edit", async () => {
  const printed = await until(() => server.output.match(/serving at (http:\/\/127\.0\.0\.1:\d+\/)/)?.[1], 60000, "the address");
  const url = await until(() => existsSync(opened) && readFileSync(opened, "utf8"), 10000, "--open");
  assert.equal(url, printed, "--open hands the browser the printed address");
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(url + "back-spasm/");
  const heading = await page.locator("h1").textContent();
  await page.waitForFunction(() => document.querySelector("script[src*='livereload']") !== null);
  await page.waitForTimeout(300); // the event stream connects
  edit("title = \"", "title = \"Edited: ");
  await page.waitForFunction((old) => document.querySelector("h1")?.textContent !== old, heading, { timeout: 10000 });
  assert.match(await page.locator("h1").textContent(), /^Edited: /);
  // The reload itself cuts the page's event stream: that one is expected.
  assert.deepEqual(problems.filter((p) => !/__livereload \(net::ERR_ABORTED\)/.test(p)), []);
  await context.close();
});

test("a broken edit shows an overlay with the file and line over the last good page, and the fix clears it", async () => {
  const url = readFileSync(opened, "utf8");
  const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  await page.goto(url + "back-spasm/");
  await page.waitForTimeout(300);
  const good = await page.locator("h1").textContent();
  edit("updated = ", "updated = nonsense\nwas_updated = ");
  const overlay = page.locator("#healthkb-problems");
  await overlay.waitFor({ state: "visible", timeout: 10000 });
  const text = await overlay.textContent();
  assert.match(text, /articles\/back-spasm\.md:\d+/, "names the file and line");
  assert.equal(await page.locator("h1").textContent(), good, "the last good page stays");
  await page.screenshot({ path: screenshotPath("serve-error-overlay-375.png") });
  const reloaded = await page.request.get(url + "back-spasm/");
  assert.equal(reloaded.status(), 200, "the old page is still served");
  edit("updated = nonsense\nwas_updated = ", "updated = ");
  await overlay.waitFor({ state: "detached", timeout: 10000 });
  assert.equal(await page.locator("h1").textContent(), good);
  await context.close();
});
