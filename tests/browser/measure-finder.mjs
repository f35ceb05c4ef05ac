// Measures what the symptom finder downloads: node measure-finder.mjs <built site> <slug>...
// Serves the site under /guide/, opens the home page in Chromium, ticks each slug in turn and
// prints the finder files each tick requested, with their bytes raw and gzipped.
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { serve, launch } from "./lib/harness.mjs";

const [dir, ...slugs] = process.argv.slice(2);
const server = await serve(dir);
const browser = await launch();
const page = await browser.newPage();
page.setDefaultTimeout(600_000);
let seen = [];
page.on("request", (req) => {
  const at = req.url().indexOf("/guide/");
  seen.push(decodeURIComponent(req.url().slice(at + "/guide/".length)));
});
const size = (files) =>
  files.reduce(
    (s, f) => {
      const bytes = readFileSync(path.join(dir, f || "index.html"));
      return { raw: s.raw + bytes.length, gzip: s.gzip + gzipSync(bytes, { level: 9 }).length };
    },
    { raw: 0, gzip: 0 },
  );
const line = (label, files) => {
  const s = size(files);
  console.log(`${label}: ${files.length} requests, ${s.raw} bytes raw, ${s.gzip} gzipped`);
};
await page.goto(server.url, { timeout: 600_000 });
await page.waitForLoadState("load");
line("page load, finder files", seen.filter((f) => f.startsWith("finder")));
for (const [i, slug] of slugs.entries()) {
  seen = [];
  await page.locator(`form[data-finder] input[value="${slug}"]`).check();
  await page.waitForFunction((n) => new RegExp(`${n} symptoms? you ticked`).test(document.querySelector("[data-finder-status]").textContent), i + 1);
  const status = await page.locator("[data-finder-status]").textContent();
  line(`tick ${i + 1} (${slug}) -> "${status}"`, seen);
}
await browser.close();
await server.close();
