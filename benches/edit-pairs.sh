#!/usr/bin/env bash
# One entry's body edited, then built, by two binaries in turn: each on its
# own copy of the synthetic corpus (default 10,000 entries), so that each
# keeps its own records (`.calabash/`) and the edit is the only change.
# Prints each build and the medians of RUNS pairs. With SAME=1 nothing is
# edited (unchanged builds).
#
#   benches/edit-pairs.sh /tmp/calabash-before target/release/calabash
#   RUNS=3 benches/edit-pairs.sh /tmp/before target/release/calabash 50000
set -euo pipefail
cd "$(dirname "$0")/.."
before=$1 after=$2 n=${3:-10000}
runs=${RUNS:-7}
cargo build --release --quiet --example gen-corpus
corpus=target/bench/corpus-$n
[ -f "$corpus/site.toml" ] || target/release/examples/gen-corpus --entries "$n" --force "$corpus" >/dev/null
bins=("$before" "$after")
for side in 0 1; do
  rm -rf "target/bench/pair-$side-$n" "target/bench/pair-$side-$n-out"
  cp -r "$corpus" "target/bench/pair-$side-$n" && rm -rf "target/bench/pair-$side-$n/.calabash"
done
build() { "${bins[$1]}" build --root "target/bench/pair-$1-$n" --output "target/bench/pair-$1-$n-out"; }
# Two builds each leave the output, its spare and the records in place.
for side in 0 1; do build "$side" >/dev/null 2>&1; build "$side" >/dev/null 2>&1; done
log=$(mktemp)
for round in $(seq "$runs"); do
  for side in 0 1; do
    entry=$(find "target/bench/pair-$side-$n/content/library" -name '*.md' | sort | sed -n 1p)
    [ -n "${SAME:-}" ] || printf '\nA line added in round %s.\n' "$round" >>"$entry"
    { /usr/bin/time -f "$side %e %U %M" "${bins[$side]}" build --root "target/bench/pair-$side-$n" \
        --output "target/bench/pair-$side-$n-out" >/dev/null; } 2>&1 | tail -1 | tee -a "$log"
  done
done
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for side in 0 1; do
  wall=$(awk -v s="$side" '$1 == s {print $2}' "$log" | median)
  user=$(awk -v s="$side" '$1 == s {print $3}' "$log" | median)
  rss=$(awk -v s="$side" '$1 == s {print $4}' "$log" | median)
  echo "${bins[$side]}: ${wall} s wall, ${user} s user, $((rss / 1024)) MiB (medians of $runs, $n entries${SAME:+, unchanged})"
done
rm -f "$log"
