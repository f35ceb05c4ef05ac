#!/usr/bin/env bash
# Runs the whole test suite: the Rust tests (unit, fixture sites, the real articles) and the
# browser tests. Installs what the browser tests need on a fresh Debian machine (chromium, a Java
# runtime for the Nu HTML Checker, the npm packages) when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v python3 >/dev/null || need_apt+=(python3)
command -v cc >/dev/null || need_apt+=(build-essential) # the linker, and C code in crates (mimalloc)
if [ -d tests/browser ]; then
  command -v chromium >/dev/null || need_apt+=(chromium)
  command -v java >/dev/null || need_apt+=(default-jre-headless)
  command -v node >/dev/null || need_apt+=(nodejs npm)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== installing ${need_apt[*]} (apt)"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

echo "== cargo test"
log=$(mktemp)
cargo test --release 2>&1 | tee "$log"
rust_passed=$(grep -Eo '[0-9]+ passed' "$log" | awk '{s+=$1} END {print s+0}')
rm -f "$log"

browser_passed=0
if [ -d tests/browser ]; then
  echo "== browser tests"
  (cd tests/browser && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm test)
  browser_passed=$(cat tests/browser/.passed 2>/dev/null || echo 0)
fi

echo "all tests: $((rust_passed + browser_passed)) passed, 0 failed"
