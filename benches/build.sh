#!/usr/bin/env bash
# Full-build benchmark. For each size it generates a synthetic hub with the
# gen-corpus example (once; kept under target/bench/), then times `calabash
# build` RUNS times in two situations and prints medians:
#   cold: no previous output (every folder and file is created);
#   warm: the same content built again (the previous output's spare folder is
#         reused, so unchanged files are not rewritten).
# Wall time and peak memory (max RSS) come from /usr/bin/time.
#
#   benches/build.sh                # 1,000, 10,000 and 50,000 entries, 5 runs each
#   RUNS=3 benches/build.sh 10000
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 50000)
runs=${RUNS:-5}

cargo build --release --quiet
cargo build --release --quiet --example gen-corpus
bin=target/release/calabash
gen=target/release/examples/gen-corpus

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Prints "wall_seconds max_rss_kib" for one build of $1 into $2.
timed_build() {
  local out
  out=$( { /usr/bin/time -f '%e %M' "$bin" build --root "$1" --output "$2" >/tmp/calabash-bench.log; } 2>&1 | tail -1)
  echo "$out"
}

printf '%-8s %-8s %-10s %-10s %-10s %s\n' entries pages "cold (s)" "cold MiB" "warm (s)" "warm MiB"
for n in "${sizes[@]}"; do
  corpus=target/bench/corpus-$n
  out=target/bench/out-$n
  spare=target/bench/.out-$n.calabash-spare
  [ -f "$corpus/site.toml" ] || "$gen" --entries "$n" --force "$corpus" >/dev/null
  cold_wall=(); cold_rss=()
  for _ in $(seq "$runs"); do
    rm -rf "$out" "$spare"
    sync
    read -r wall rss < <(timed_build "$corpus" "$out")
    cold_wall+=("$wall"); cold_rss+=("$rss")
  done
  timed_build "$corpus" "$out" >/dev/null # leaves a spare for the warm runs
  warm_wall=(); warm_rss=()
  for _ in $(seq "$runs"); do
    read -r wall rss < <(timed_build "$corpus" "$out")
    warm_wall+=("$wall"); warm_rss+=("$rss")
  done
  pages=$(grep -o 'Built [0-9,]* pages' /tmp/calabash-bench.log | tr -dc '0-9')
  printf '%-8s %-8s %-10s %-10s %-10s %s\n' "$n" "$pages" \
    "$(printf '%s\n' "${cold_wall[@]}" | median)" "$(( $(printf '%s\n' "${cold_rss[@]}" | median) / 1024 ))" \
    "$(printf '%s\n' "${warm_wall[@]}" | median)" "$(( $(printf '%s\n' "${warm_rss[@]}" | median) / 1024 ))"
done
