#!/usr/bin/env bash
# ladder's search against Pagefind, one command:   benches/search/run.sh
#
# Builds ladder (release), generates the synthetic 3,000-role / 14,000-skill site
# (benches/gen.py), builds it and the default site, copies each build and indexes the copy with
# Pagefind (npm `pagefind`, installed into $BENCH_DIR/pagefind-npm, never into the repo), then runs
# benches/search/bench.mjs (headless Chromium through tests/browser's playwright-core).
#
# Environment: BENCH_DIR (default /dev/shm/ladder-search-bench), RUNS (5), ROLES (3000),
# SKILLS (14000), PAGEFIND (a pagefind binary; default: installed as above).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH_DIR="${BENCH_DIR:-/dev/shm/ladder-search-bench}"
RUNS="${RUNS:-5}"
ROLES="${ROLES:-3000}"
SKILLS="${SKILLS:-14000}"
case "$BENCH_DIR" in
  "$REPO"|"$REPO"/*) echo "run.sh: BENCH_DIR must be outside the repo" >&2; exit 2 ;;
esac
mkdir -p "$BENCH_DIR"

echo "[build] cargo build --release --locked" >&2
(cd "$REPO" && cargo build --release --locked --quiet)
LADDER="$REPO/target/release/ladder"

if [ -z "${PAGEFIND:-}" ]; then
  if [ ! -x "$BENCH_DIR/pagefind-npm/node_modules/.bin/pagefind" ]; then
    echo "[pagefind] npm install pagefind in $BENCH_DIR/pagefind-npm" >&2
    mkdir -p "$BENCH_DIR/pagefind-npm"
    (cd "$BENCH_DIR/pagefind-npm" && npm init -y >/dev/null && npm install --no-audit --no-fund pagefind >&2)
  fi
  PAGEFIND="$BENCH_DIR/pagefind-npm/node_modules/.bin/pagefind"
fi
echo "[pagefind] $("$PAGEFIND" --version)" >&2

if [ ! -d "$BENCH_DIR/large/data" ]; then
  echo "[gen] $ROLES roles, $SKILLS skills" >&2
  python3 "$REPO/benches/gen.py" --roles "$ROLES" --skills "$SKILLS" --out "$BENCH_DIR/large" >&2
fi

sites=()
for entry in "default:$REPO" "large:$BENCH_DIR/large"; do
  name="${entry%%:*}"
  root="${entry#*:}"
  "$LADDER" build --quiet --root "$root" --out "$BENCH_DIR/$name-ladder"
  rm -rf "$BENCH_DIR/$name-pagefind"
  cp -r "$BENCH_DIR/$name-ladder" "$BENCH_DIR/$name-pagefind"
  echo "[pagefind] indexing $name" >&2
  "$PAGEFIND" --site "$BENCH_DIR/$name-pagefind" >&2
  sites+=(--site "$name=$BENCH_DIR/$name-ladder:$BENCH_DIR/$name-pagefind")
done

node "$REPO/benches/search/bench.mjs" --runs "$RUNS" "${sites[@]}" | tee "$BENCH_DIR/report.md"
