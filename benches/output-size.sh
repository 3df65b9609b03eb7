#!/usr/bin/env bash
# Output size against corpus size, for the corpus whose lists and
# "referenced by" sections grow with it: gen-corpus --shape one-collection
# (one expert, every other entry in the library, all with the same few terms,
# nearly all recommended by that expert). For each size, builds it and prints
# the files written, their total bytes, bytes per entry, the biggest page,
# and bytes per entry as a ratio of the first size's (linear output keeps it
# near 1.00; issue 16's target is within 10%).
#
#   benches/output-size.sh                      # 1000 10000 50000 entries
#   benches/output-size.sh 1000 5000            # other sizes
#   CALABASH="/tmp/old target/release/calabash" benches/output-size.sh
#                                               # several binaries, same corpora
#
# Corpora and outputs go to WORK (default target/output-size/) and are deleted
# once measured: 50,000 entries take ~1 GB of corpus and output at a time
# (far more with a binary whose output grows quadratically).
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 50000)
work=${WORK:-target/output-size}
export CARGO_INCREMENTAL=0
cargo build --release --quiet --example gen-corpus
if [ -z "${CALABASH:-}" ]; then
  cargo build --release --quiet
  CALABASH=target/release/calabash
fi
read -r -a binaries <<<"$CALABASH"

mkdir -p "$work"
echo "| binary | entries | files | total bytes | bytes/entry | biggest page (bytes) | bytes/entry ÷ first size's |"
echo "|---|---:|---:|---:|---:|---|---:|"
declare -A first
for n in "${sizes[@]}"; do
  corpus=$work/corpus-$n
  target/release/examples/gen-corpus --shape one-collection --entries "$n" --force "$corpus" >/dev/null
  for bin in "${binaries[@]}"; do
    out=$work/out
    rm -rf "$out"
    # Warnings (the corpus is not in git) go to the log; a failed build stops here.
    if ! SOURCE_DATE_EPOCH=1780000000 "$bin" build --root "$corpus" --output "$out" \
      >"$work/build.log" 2>&1; then
      cat "$work/build.log" >&2
      exit 1
    fi
    files=$(find "$out" -type f | wc -l)
    bytes=$(find "$out" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
    biggest=$(find "$out" -type f -name '*.html' -printf '%s %P\n' | sort -n | tail -1)
    per=$((bytes / n))
    [ -n "${first[$bin]:-}" ] || first[$bin]=$per
    ratio=$(awk -v a="$per" -v b="${first[$bin]}" 'BEGIN {printf "%.2f", a / b}')
    echo "| $(basename "$bin") | $n | $files | $bytes | $per | ${biggest#* } (${biggest%% *}) | $ratio |"
    rm -rf "$out"
  done
  rm -rf "$corpus"
done
