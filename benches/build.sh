#!/usr/bin/env bash
# Full-build benchmark: generates synthetic hubs of several sizes with the
# gen-corpus example, builds each one RUNS times and prints the median wall
# time and the median peak memory (max RSS).
#
#   benches/build.sh            # 1,000, 10,000 and 50,000 entries, 5 runs each
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

median() { sort -n | awk '{a[NR]=$1} END {m=int((NR+1)/2); print a[m]}'; }

printf '%-8s %-10s %-12s %s\n' entries pages "wall (s)" "peak RSS (MiB)"
for n in "${sizes[@]}"; do
  corpus=target/bench/corpus-$n
  [ -f "$corpus/site.toml" ] || "$gen" --entries "$n" --force "$corpus" >/dev/null
  walls=(); rss=()
  for _ in $(seq "$runs"); do
    out=$( { /usr/bin/time -f '%e %M' "$bin" build --root "$corpus" --output target/bench/out-$n >/tmp/calabash-bench.log; } 2>&1 | tail -1)
    walls+=("${out% *}"); rss+=("${out#* }")
  done
  pages=$(grep -o 'Built [0-9,]* pages' /tmp/calabash-bench.log | tr -dc '0-9')
  wall=$(printf '%s\n' "${walls[@]}" | median)
  kib=$(printf '%s\n' "${rss[@]}" | median)
  printf '%-8s %-10s %-12s %s\n' "$n" "$pages" "$wall" "$((kib / 1024))"
done
