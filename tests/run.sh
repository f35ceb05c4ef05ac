#!/usr/bin/env bash
# Runs the whole test suite: the Rust tests (unit, fixture sites, the real articles) and the
# browser tests. Installs what the browser tests need on a fresh Debian machine (chromium, a Java
# runtime for the Nu HTML Checker, the npm packages) when it is missing.
#
# A check that cannot run fails, saying what is missing. These can be skipped on purpose, and the
# summary line then says so:
#   HEALTHKB_SKIP_COPYCHECK=1  the copy check against ../shared/ (absent outside the project's CI)
#   HEALTHKB_SKIP_BROWSER=1    the browser tests (no Chromium, Java or Node needed then)
#   HEALTHKB_SKIP_MOUNT=1      the two output cases that mount a tmpfs (a mount point, a full
#                              disk); set here when this machine cannot mount one (not root)
# The run leaves nothing in the temporary folder: the tests get a folder of their own as TMPDIR,
# which must be empty when they end.
set -euo pipefail
cd "$(dirname "$0")/.."

tmp=$(mktemp -d)
export TMPDIR="$tmp"
skipped=()
[ -n "${HEALTHKB_SKIP_COPYCHECK:-}" ] && skipped+=("copy check (HEALTHKB_SKIP_COPYCHECK)")
browser=yes
if [ -n "${HEALTHKB_SKIP_BROWSER:-}" ]; then
  browser=""
  skipped+=("browser tests (HEALTHKB_SKIP_BROWSER)")
fi

if [ -z "${HEALTHKB_SKIP_MOUNT:-}" ]; then
  probe=$(mktemp -d)
  if mount -t tmpfs -o size=64k healthkb-probe "$probe" 2>/dev/null; then
    umount "$probe"
  else
    export HEALTHKB_SKIP_MOUNT=1
  fi
  rmdir "$probe"
fi
[ -n "${HEALTHKB_SKIP_MOUNT:-}" ] && skipped+=("mount point and full disk cases (HEALTHKB_SKIP_MOUNT: cannot mount a tmpfs here)")

need_apt=()
command -v python3 >/dev/null || need_apt+=(python3)
command -v cc >/dev/null || need_apt+=(build-essential) # the linker, and C code in crates (mimalloc)
if [ -n "$browser" ]; then
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
log=$(mktemp -p "${tmp%/*}" run-log.XXXXXX)
trap 'rm -f "$log"' EXIT
cargo test --release 2>&1 | tee "$log"
rust_passed=$(grep -Eo '[0-9]+ passed' "$log" | awk '{s+=$1} END {print s+0}')

browser_passed=0
if [ -n "$browser" ]; then
  echo "== browser tests"
  (cd tests/browser && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm test)
  browser_passed=$(cat tests/browser/.passed 2>/dev/null || echo 0)
fi

left=$(find "$tmp" -mindepth 1 -maxdepth 1 | wc -l)
if [ "$left" -gt 0 ]; then
  echo "the tests left $left entries in the temporary folder $tmp:" >&2
  ls -A "$tmp" >&2
  exit 1
fi
rmdir "$tmp"

summary="all tests: $((rust_passed + browser_passed)) passed, 0 failed"
if [ ${#skipped[@]} -gt 0 ]; then
  summary+=", skipped: $(IFS=,; echo "${skipped[*]}" | sed 's/,/, /g')"
fi
echo "$summary"
