#!/usr/bin/env bash
# Search benchmark (issue 15): healthkb's search against Pagefind on the same built site, in
# Debian's Chromium, counting the gzipped bytes and the requests of a cold and a warm query through
# a byte-counting server; index size on disk, build and indexing time and peak memory; the quality
# set's top-5 rate on the real site. What it measures: benches/search.mjs and docs/benchmarks.md.
#
#   bash benches/search.sh                  # N = 1,000 and 10,000
#   bash benches/search.sh 1000 10000 100000
#   bash benches/search.sh 10000 --no-pagefind --cold "back pain" --warm tingling
#   HEALTHKB=/path/to/healthkb bash benches/search.sh 10000   # benchmark another build
#
# Installs what is missing: GNU time and Chromium (apt), Pagefind (pip install pagefind-bin), the
# browser tests' npm packages (playwright-core). Builds healthkb with `cargo build --release`
# unless HEALTHKB is set. Corpora and builds go to BENCH_WORK (default /dev/shm/hkb-search); a
# corpus there is reused when its size, seed and vocabulary match. Results: benches/results/.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
need_apt=()
[ -x /usr/bin/time ] || need_apt+=(time)
[ -n "${CHROMIUM:-}" ] || command -v chromium >/dev/null || need_apt+=(chromium)
command -v node >/dev/null || need_apt+=(nodejs npm)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== installing ${need_apt[*]} (apt)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
[ -d tests/browser/node_modules/playwright-core ] || (cd tests/browser && npm ci --no-audit --no-fund)

no_pagefind=""
for a in "$@"; do [ "$a" = "--no-pagefind" ] && no_pagefind=yes; done
if [ -z "$no_pagefind" ] && [ -z "${PAGEFIND:-}" ] && ! python3 -c "import pagefind_bin" 2>/dev/null; then
  echo "== installing Pagefind (pip install pagefind-bin)"
  python3 -m pip install --quiet pagefind-bin
fi

# Without HEALTHKB, search.mjs builds healthkb (cargo build --release) and runs it from where
# cargo put it, as the browser tests do.

work=()
[ -n "${BENCH_WORK:-}" ] && work=(--work "$BENCH_WORK")
exec node benches/search.mjs "${work[@]}" "$@"
