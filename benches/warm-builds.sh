#!/usr/bin/env bash
# Warm builds of the synthetic corpus (default 10,000 entries) in the three
# situations a maintainer meets, interleaved, medians of RUNS rounds:
#   unchanged    the same content built again (every page kept);
#   one body     one entry's body edited (its page and its bucket of the
#                search index made again, the export and similar entries
#                worked out again, and the pages of entries whose similar
#                entries moved);
#   no records   the records of the last build removed (`.calabash/pages`
#                and the index's `search-build` and `search-segments`): every
#                page rendered and the index built whole, into warm output
#                folders, as before builds kept pages;
# and a cold build (no output, no spare, no `.calabash/`) each round.
#
#   benches/warm-builds.sh             # 10,000 entries, 5 rounds
#   RUNS=3 BIN=/tmp/calabash benches/warm-builds.sh 50000
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
runs=${RUNS:-5}
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet
  BIN=target/release/calabash
fi
cargo build --release --quiet --example gen-corpus
corpus=target/bench/corpus-$n
[ -f "$corpus/site.toml" ] || target/release/examples/gen-corpus --entries "$n" --force "$corpus" >/dev/null
out=target/bench/warm-$n
entry=$(find "$corpus/content/library" -name '*.md' | sort | sed -n 1p)
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
timed() { # prints "seconds KiB"
  { /usr/bin/time -f '%e %M' "$BIN" build --root "$corpus" --output "$out" >/dev/null; } 2>&1 | tail -1
}
forget() { rm -f "$corpus/.calabash/pages" "$corpus/.calabash/index/search-build" "$corpus/.calabash/index/search-segments"; }
# Two builds leave the output, its spare and the records in place.
timed >/dev/null
timed >/dev/null
unchanged=(); body=(); none=(); cold=(); rss=()
for round in $(seq "$runs"); do
  read -r w m < <(timed); unchanged+=("$w"); rss+=("$m")
  printf '\nA line added in round %s.\n' "$round" >>"$entry"
  read -r w _ < <(timed); body+=("$w")
  forget
  read -r w _ < <(timed); none+=("$w")
  rm -rf "$out" "$(dirname "$out")/.$(basename "$out").calabash-spare" "$corpus/.calabash"
  read -r w _ < <(timed); cold+=("$w")
  timed >/dev/null # warm again for the next round
done
echo "entries: $n, $BIN, medians of $runs rounds"
echo "unchanged:  $(printf '%s\n' "${unchanged[@]}" | median) s ($(( $(printf '%s\n' "${rss[@]}" | median) / 1024 )) MiB)  all: ${unchanged[*]}"
echo "one body:   $(printf '%s\n' "${body[@]}" | median) s  all: ${body[*]}"
echo "no records: $(printf '%s\n' "${none[@]}" | median) s  all: ${none[*]}"
echo "cold:       $(printf '%s\n' "${cold[@]}" | median) s  all: ${cold[*]}"
