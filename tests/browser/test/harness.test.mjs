// The harness finds the program where cargo put it: the path cargo's own build messages name,
// which follows CARGO_TARGET_DIR, a cargo config's target-dir and target triples, not a
// hard-coded target/release (issue 14).

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { accessSync, constants, realpathSync } from "node:fs";
import path from "node:path";
import { REPO, binaryPath, programIn, screenshotsFolder } from "../lib/harness.mjs";

test("the program named in cargo's messages is found, and nothing else", () => {
  const artifact = (name, executable) =>
    JSON.stringify({ reason: "compiler-artifact", target: { name, kind: ["bin"] }, executable });
  const messages = [
    "Compiling healthkb v0.1.0",
    artifact("serde", null),
    '{"reason":"build-script-executed"}',
    "{not json",
    artifact("healthkb", "/x/y/triple/release/healthkb"),
    '{"reason":"build-finished","success":true}',
  ].join("\n");
  assert.equal(programIn(messages), "/x/y/triple/release/healthkb");
  assert.equal(programIn(artifact("other", "/x/other")), null);
  assert.equal(programIn(""), null);
});

test("the program is built where cargo puts it, and runs", () => {
  const program = binaryPath();
  accessSync(program, constants.X_OK);
  const target = process.env.CARGO_TARGET_DIR
    ? path.resolve(REPO, process.env.CARGO_TARGET_DIR)
    : JSON.parse(
        spawnSync("cargo", ["metadata", "--format-version", "1", "--no-deps"], { cwd: REPO, encoding: "utf8" }).stdout,
      ).target_directory;
  const inside = path.relative(realpathSync(target), realpathSync(program));
  assert.ok(!inside.startsWith("..") && !path.isAbsolute(inside), `${program} is not in ${target}`);
  assert.ok(screenshotsFolder().startsWith(path.dirname(path.dirname(program))));
  const run = spawnSync(program, ["--version"], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /healthkb/);
});
