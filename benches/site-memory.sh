#!/usr/bin/env bash
# Where a loaded site's memory goes, by corpus size: the live heap after
# loading and validating a generated mixed corpus, the values every page
# shares, and each part of the site (examples/site-memory.rs lets go of one
# part at a time and counts what is freed). Peak resident memory of a whole
# build is larger: the allocator's own overhead, pages being rendered, the
# search index being built and read.
#
#   benches/site-memory.sh                 # 10000 50000 entries
#   benches/site-memory.sh 1000 10000      # other sizes
#
# Corpora go to WORK (default target/site-memory/) and are kept.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 50000)
work=${WORK:-target/site-memory}
export CARGO_INCREMENTAL=0
cargo build --release --quiet --example gen-corpus --example site-memory
mkdir -p "$work"
for n in "${sizes[@]}"; do
  corpus=$work/corpus-$n
  [ -d "$corpus" ] || target/release/examples/gen-corpus --entries "$n" "$corpus" >/dev/null
  echo "## $n entries (MiB of live heap)"
  target/release/examples/site-memory "$corpus"
done
