#!/usr/bin/env bash
# What search adds to a warm build: times warm builds of the synthetic corpus
# (default 10,000 entries) with this checkout's calabash and with the same
# code without the search stages (benches/no-search.patch applied in a
# temporary git worktree), and prints both medians of RUNS runs.
#
#   benches/search-overhead.sh           # 10,000 entries, 5 runs
#   RUNS=3 benches/search-overhead.sh 1000
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
  { echo "benches/no-search.patch no longer applies to src/build.rs: update it" >&2; exit 1; }
CARGO_TARGET_DIR=target/bench/no-search-target cargo build --release --quiet --manifest-path "$tree/Cargo.toml"

corpus=target/bench/corpus-$n
[ -f "$corpus/site.toml" ] || target/release/examples/gen-corpus --entries "$n" --force "$corpus" >/dev/null
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
warm() { # binary, output folder, extra environment
  local walls=() rss=()
  env $3 "$1" build --root "$corpus" --output "$2" >/dev/null # leaves a spare
  env $3 "$1" build --root "$corpus" --output "$2" >/dev/null
  for _ in $(seq "$runs"); do
    read -r w m < <({ /usr/bin/time -f '%e %M' env $3 "$1" build --root "$corpus" --output "$2" >/dev/null; } 2>&1 | tail -1)
    walls+=("$w"); rss+=("$m")
  done
  echo "$(printf '%s\n' "${walls[@]}" | median) s, $(( $(printf '%s\n' "${rss[@]}" | median) / 1024 )) MiB"
}
echo "entries: $n, warm builds, median of $runs"
echo "with search:    $(warm target/release/calabash target/bench/overhead-with-$n "")"
echo "without search: $(warm target/bench/no-search-target/release/calabash target/bench/overhead-without-$n NO_SEARCH=1)"
