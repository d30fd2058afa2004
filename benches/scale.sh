#!/usr/bin/env bash
# Scale run (issue 7): synthetic sites of 1,000 to 100,000 roles (skills = roles / 2), each built
# on disk (tmpfs is RAM here, and the 100,000-role output is several GB). Prints, per size, the
# build's wall time, peak RSS (GNU time, MiB) and output size, then removes the site and its output.
#
#   benches/scale.sh [WORKDIR] [SIZES]      defaults: /work/scale-tmp "1000 10000 30000 100000"
#
# Needs target/release/ladder (cargo build --release) and /usr/bin/time. Same seed, same sites.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-/work/scale-tmp}"
sizes="${2:-1000 10000 30000 100000}"
ladder="$here/target/release/ladder"
[ -x "$ladder" ] || { echo "build first: cargo build --release" >&2; exit 2; }
mkdir -p "$work"
printf '%-8s %-8s %-10s %-12s %-10s %s\n' roles skills "data MB" "build s" "peak MiB" "output"
for n in $sizes; do
  site="$work/site-$n"
  out="$work/out-$n"
  rm -rf "$out"
  # A site generated earlier (same command, same seed, same bytes) is reused.
  if [ ! -f "$site/.complete" ]; then
    rm -rf "$site"
    python3 "$here/benches/gen.py" --roles "$n" --skills $((n / 2)) --out "$site" 2>"$work/gen-$n.log"
    rm -rf "$site/hugo" # the Hugo copy of the data is not read by ladder
    touch "$site/.complete"
  fi
  data_mb=$(du -sm "$site/data" | cut -f1)
  /usr/bin/time -v "$ladder" build --root "$site" --out "$out" --today 2026-11-23 2>"$work/time-$n.log" >/dev/null ||
    { echo "build of $n roles failed:" >&2; tail -20 "$work/time-$n.log" >&2; exit 1; }
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$work/time-$n.log")
  peak=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$work/time-$n.log")
  built=$(grep -m1 '^built' "$work/time-$n.log" || true)
  printf '%-8s %-8s %-10s %-12s %-10s %s\n' "$n" $((n / 2)) "$data_mb" "$secs" "$peak" "$built"
  rm -rf "$site" "$out"
done
