#!/usr/bin/env bash
# Scaling per input axis (issue 11, item 6): `ladder check` on sites grown along one input at a
# time to n, 2n and 4n, with the CPU time and the ratio per doubling (about 2 is linear, 4 is
# quadratic). See benches/axes.py for the axes; the table goes to stdout and $DIR/axes.md.
#
#   benches/axes.sh [OTHER_LADDER ...]     e.g. an older build to compare, listed first
#
# Settings (environment): DIR (default /dev/shm/ladder-axes, should be tmpfs), RUNS (2),
# AXES (all), SCALE (1: multiplies every n), UNUSED_BUILD=1 (also time `ladder build` on
# 14,000 skills of which 13,000 no role lists).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dir="${DIR:-/dev/shm/ladder-axes}"
mkdir -p "$dir"
(cd "$here" && cargo build --release --locked)
cp "$here/target/release/ladder" "$dir/ladder" # frozen for the run
args=()
for b in "$@"; do args+=(--ladder "$b" --name "$(basename "$b")"); done
args+=(--ladder "$dir/ladder" --name "$(cd "$here" && git rev-parse --short HEAD)")
[ "${UNUSED_BUILD:-0}" = 1 ] && args+=(--unused-build)
[ -n "${AXES:-}" ] && args+=(--axes "$AXES")
python3 "$here/benches/axes.py" "${args[@]}" --dir "$dir" --runs "${RUNS:-2}" --scale "${SCALE:-1}" | tee "$dir/axes.md"
