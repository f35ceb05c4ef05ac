// The Nu HTML Checker (vnu.jar, on the machine's Java) over every generated page of both builds:
// the served one (with base_url) and the one for browsing from disk (--local). One run over all
// files; any error fails the test.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { buildSite, listFiles, BASE_URL } from "../lib/harness.mjs";

const require = createRequire(import.meta.url);
const VNU = path.join(path.dirname(require.resolve("vnu-jar/package.json")), "build", "dist", "vnu.jar");

test("the Nu HTML Checker reports no errors on any generated page", () => {
  const files = [buildSite(["--base-url", BASE_URL]), buildSite(["--local"])].flatMap((dir) =>
    listFiles(dir)
      .filter((f) => f.endsWith(".html"))
      .map((f) => path.join(dir, f)),
  );
  assert.equal(files.length, 290, "145 pages in each build: 85 in English, 60 in Spanish");
  const run = spawnSync("java", ["-jar", VNU, "--errors-only", "--format", "json", ...files], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(run.error, undefined, "java runs");
  const report = JSON.parse(run.stderr || run.stdout || '{"messages":[]}');
  const errors = report.messages
    .filter((m) => m.type === "error" || m.subType === "fatal")
    .map((m) => `${m.url?.replace(/^file:/, "")}:${m.lastLine}: ${m.message}`);
  assert.deepEqual(errors, []);
  assert.equal(run.status, 0, "vnu exits 0 when there are no errors");
});
