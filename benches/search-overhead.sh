#!/usr/bin/env bash
# What search adds to a warm build: times warm builds of the synthetic corpus
# (default 10,000 entries) with this checkout's calabash and with the same
# code without the search stages (benches/no-search.patch applied in a
# temporary git worktree), and prints both medians of RUNS runs. Each binary
# builds its own copy of the corpus, so that each keeps its own records of
# the pages it made (`.calabash/`): a warm build keeps every page and the
# index. With FRESH=1 the records are removed before each build, so that
# every page is rendered and the index built, into warm output folders.
# With EDIT=1 one entry's body is edited before each build instead: the
# index is made again, and the pages the edit reaches are rendered.
#
#   benches/search-overhead.sh           # 10,000 entries, 5 runs
#   RUNS=3 FRESH=1 benches/search-overhead.sh 1000
#   EDIT=1 benches/search-overhead.sh
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
runs=${RUNS:-5}
tree=target/bench/no-search-tree

cargo build --release --quiet
cargo build --release --quiet --example gen-corpus
rm -rf "$tree"
git worktree prune
git worktree add --quiet --detach "$tree" HEAD
trap 'git worktree remove --force "$tree"' EXIT
git -C "$tree" apply "$PWD/benches/no-search.patch" ||
  { echo "benches/no-search.patch no longer applies to src/build/mod.rs: update it" >&2; exit 1; }
CARGO_TARGET_DIR=target/bench/no-search-target cargo build --release --quiet --manifest-path "$tree/Cargo.toml"

corpus=target/bench/corpus-$n
[ -f "$corpus/site.toml" ] || target/release/examples/gen-corpus --entries "$n" --force "$corpus" >/dev/null
corpus_without=target/bench/corpus-$n-without-search
rm -rf "$corpus_without" && cp -r "$corpus" "$corpus_without" && rm -rf "$corpus_without/.calabash"
edited=$(cd "$corpus" && find content/library -name '*.md' | sort | sed -n 1p)
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
with_bin=target/release/calabash
without_bin=target/bench/no-search-target/release/calabash
with_out=target/bench/overhead-with-$n
without_out=target/bench/overhead-without-$n
timed() { # binary, output folder, extra environment: prints "seconds KiB"
  local root=$corpus
  [ -z "$3" ] || root=$corpus_without
  [ -z "${FRESH:-}" ] || rm -f "$root/.calabash/pages" "$root/.calabash/index/search-build" "$root/.calabash/index/search-segments"
  [ -z "${EDIT:-}" ] || printf '\nA line added.\n' >>"$root/$edited"
  { /usr/bin/time -f '%e %M' env $3 "$1" build --root "$root" --output "$2" >/dev/null; } 2>&1 | tail -1
}
# Two builds each leave a spare folder, so the timed builds are warm.
for _ in 1 2; do
  timed "$with_bin" "$with_out" "" >/dev/null
  timed "$without_bin" "$without_out" NO_SEARCH=1 >/dev/null
done
# Interleaved, so that the machine's slow and fast moments fall on both.
walls_with=(); walls_without=(); rss_with=(); rss_without=(); added=()
for _ in $(seq "$runs"); do
  read -r w1 m1 < <(timed "$with_bin" "$with_out" "")
  read -r w2 m2 < <(timed "$without_bin" "$without_out" NO_SEARCH=1)
  walls_with+=("$w1"); rss_with+=("$m1"); walls_without+=("$w2"); rss_without+=("$m2")
  added+=("$(awk -v a="$w1" -v b="$w2" 'BEGIN {printf "%.2f", a - b}')")
done
mib() { echo $(( $(printf '%s\n' "$@" | median) / 1024 )); }
echo "entries: $n, warm builds${FRESH:+ without records}${EDIT:+ after one body edited}, interleaved, medians of $runs"
echo "with search:    $(printf '%s\n' "${walls_with[@]}" | median) s, $(mib "${rss_with[@]}") MiB"
echo "without search: $(printf '%s\n' "${walls_without[@]}" | median) s, $(mib "${rss_without[@]}") MiB"
echo "search adds:    $(printf '%s\n' "${added[@]}" | median) s (median of the $runs paired differences: ${added[*]})"
