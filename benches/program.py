"""The healthkb program as cargo builds it, for the benchmarks.

`built_program()` runs `cargo build --release` (nothing to do when the build is up to date) and
returns the path cargo itself reports for the program: wherever CARGO_TARGET_DIR, a cargo
config's `build.target-dir` or a target triple put it. The browser tests find it the same way
(`binaryPath` in tests/browser/lib/harness.mjs).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def program_in(messages: str) -> Path | None:
    """The healthkb executable named in cargo's JSON messages (`--message-format=json`)."""
    for line in messages.splitlines():
        if not line.startswith("{"):
            continue
        try:
            message = json.loads(line)
        except json.JSONDecodeError:
            continue
        target = message.get("target") or {}
        if message.get("reason") == "compiler-artifact" and target.get("name") == "healthkb" and message.get("executable"):
            return Path(message["executable"])
    return None


def built_program() -> Path:
    """Builds the program with `cargo build --release` and returns where cargo put it."""
    run = subprocess.run(
        ["cargo", "build", "--release", "--quiet", "--bin", "healthkb", "--message-format=json-render-diagnostics"],
        cwd=REPO, capture_output=True, text=True,
    )
    if run.returncode != 0:
        sys.exit(f"cargo build --release failed ({run.returncode}):\n{run.stderr}")
    found = program_in(run.stdout)
    if found is None:
        sys.exit("cargo build --release named no healthkb program in its messages")
    return found


if __name__ == "__main__":
    print(built_program())
