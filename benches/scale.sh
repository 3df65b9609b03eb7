#!/usr/bin/env bash
# How a build grows with the corpus (docs/scaling.md): for each size, the
# mixed synthetic hub of gen-corpus is built once cold and once warm, and
# printed per size: pages, output files and bytes (per entry), peak memory
# (per entry), wall and CPU time, the time of each stage
# (CALABASH_TIMINGS=1), the search export (files, bytes, the biggest shard)
# and, with FIRST_QUERY=1, the bytes a reader's browser fetches for a cold
# first query (benches/search-browser.mjs; needs chromium and
# npm ci --prefix tests).
#
#   benches/scale.sh                     # 1,000, 10,000, 50,000, 100,000
#   FIRST_QUERY=1 benches/scale.sh 10000 100000
#
# Corpora and outputs go under target/bench/ (100,000 entries: ~0.7 GB of
# corpus and ~4 GB of output); KEEP=0 deletes each size's after it.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 50000 100000)

cargo build --release --quiet
cargo build --release --quiet --example gen-corpus
bin=target/release/calabash
gen=target/release/examples/gen-corpus

for n in "${sizes[@]}"; do
  corpus=target/bench/scale-corpus-$n
  out=target/bench/scale-out-$n
  spare=target/bench/.scale-out-$n.calabash-spare
  [ -f "$corpus/site.toml" ] || "$gen" --entries "$n" --force "$corpus" >/dev/null
  rm -rf "$out" "$spare"
  # The pages name the address they are served from.
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  echo "== $n entries"
  for run in cold warm; do
    log=target/bench/scale-$n-$run.log
    CALABASH_TIMINGS=1 /usr/bin/time -f 'TIME %e s wall %U user %S sys %M KiB' \
      "$bin" build --root "$corpus" --output "$out" --base-url "http://127.0.0.1:$port/" >"$log" 2>&1
    grep -E "^Built" "$log" || true
    time_line=$(grep '^TIME' "$log")
    rss=$(awk '{print $(NF-1)}' <<<"$time_line")
    echo "$run: ${time_line#TIME } ($((rss / n)) KiB per entry)"
    [ "$run" = warm ] && grep -iE "^ *[0-9.]+ s" "$log" | sed 's/^/  stage /' || true
  done
  files=$(find "$out" -type f | wc -l)
  bytes=$(du -sb "$out" | cut -f1)
  echo "output: $files files ($(python3 -c "print(f'{$files/$n:.2f}')") per entry), $bytes bytes ($((bytes / n)) per entry)"
  index=$out/search/index
  echo "search export: $(find "$index" -type f | wc -l) files, $(du -sb "$index" | cut -f1) bytes;" \
    "manifest $(stat -c %s "$index/manifest.json") bytes; biggest file $(find "$index" -type f -printf '%s %f\n' | sort -n | tail -1)"
  if [ "${FIRST_QUERY:-0}" = 1 ]; then
    python3 -m http.server "$port" --bind 127.0.0.1 --directory "$out" >/dev/null 2>&1 &
    server=$!
    sleep 1
    node benches/search-browser.mjs "http://127.0.0.1:$port" >target/bench/scale-search-$n.json
    kill $server
    python3 - "target/bench/scale-search-$n.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for kind in ("one_word", "three_words"):
    k = r[kind]["search_sent"]
    print(f"cold first query, {kind.replace('_', ' ')}: {k['median']/1024:.1f} KiB median, {k['max']/1024:.1f} KiB max")
PY
  fi
  if [ "${KEEP:-1}" = 0 ]; then rm -rf "$corpus" "$out" "$spare"; fi
done
