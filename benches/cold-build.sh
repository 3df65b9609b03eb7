#!/usr/bin/env bash
# Cold builds (no output, no spare, no `.calabash/`) of the synthetic corpus
# (default 10,000 entries) into a freshly made ext4 file system each time,
# alternating the binaries given, medians of RUNS rounds.
#
# Why a fresh file system: on a disk where hundreds of thousands of files
# were made and removed (as benchmarks do), ext4 looks over its recently
# freed inodes before it hands out a new one, and a cold build's system
# time grew from 1.6 s to 12 s over a dozen runs on this machine. A CI
# runner's disk is fresh. Needs root (mkfs.ext4, a loop mount).
#
#   benches/cold-build.sh /tmp/calabash-before target/release/calabash
#   RUNS=5 benches/cold-build.sh target/release/calabash -- 50000
set -euo pipefail
cd "$(dirname "$0")/.."
bins=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do bins+=("$1"); shift; done
[ $# -gt 0 ] && shift
n=${1:-10000}
runs=${RUNS:-3}
[ ${#bins[@]} -gt 0 ] || { cargo build --release --quiet; bins=(target/release/calabash); }
cargo build --release --quiet --example gen-corpus
corpus=target/bench/corpus-$n
[ -f "$corpus/site.toml" ] || target/release/examples/gen-corpus --entries "$n" --force "$corpus" >/dev/null
image=$PWD/target/bench/cold-fs.img
mnt=$PWD/target/bench/cold-fs
mkdir -p "$mnt"
trap 'umount "$mnt" 2>/dev/null || true' EXIT
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
declare -A walls
for _ in $(seq "$runs"); do
  for bin in "${bins[@]}"; do
    umount "$mnt" 2>/dev/null || true
    rm -f "$image" && truncate -s 8G "$image"
    mkfs.ext4 -q -F "$image" && mount -o loop "$image" "$mnt"
    rm -rf "$corpus/.calabash"
    sync
    line=$({ /usr/bin/time -f '%e %U %S %M' "$bin" build --root "$corpus" --output "$mnt/out" >/dev/null; } 2>&1 | tail -1)
    echo "$bin: $line (wall, user, system s; KiB)"
    walls[$bin]+="${line%% *} "
  done
done
for bin in "${bins[@]}"; do
  echo "$bin: median cold wall $(printf '%s\n' ${walls[$bin]} | median) s of: ${walls[$bin]}"
done
