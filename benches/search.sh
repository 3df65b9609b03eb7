#!/usr/bin/env bash
# Search benchmark on the synthetic corpus (default 10,000 entries):
#   1. the search stages on their own (examples/index-site): building the
#      tantivy index and exporting the static index, medians of RUNS runs;
#   2. the exported index on disk: files and bytes;
#   3. in headless Chromium (benches/search-browser.mjs), against the site
#      served on 127.0.0.1: bytes fetched by a cold first query of one word
#      and of three words, and query time once loaded.
# Needs Debian's chromium and the test tools (npm ci --prefix tests).
#
#   benches/search.sh            # 10,000 entries, 5 runs
#   RUNS=3 benches/search.sh 5000
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
runs=${RUNS:-5}

cargo build --release --quiet
cargo build --release --quiet --example gen-corpus --example index-site
# Written afresh: the corpus carries a copy of this repository's theme.
corpus=target/bench/search-corpus-$n
site=target/bench/search-site-$n
target/release/examples/gen-corpus --entries "$n" --force "$corpus" >/dev/null

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
index=(); export=()
for _ in $(seq "$runs"); do
  line=$(target/release/examples/index-site "$corpus")
  index+=("$(sed 's/.*"index_s":\([0-9.]*\).*/\1/' <<<"$line")")
  export+=("$(sed 's/.*"export_s":\([0-9.]*\).*/\1/' <<<"$line")")
done
echo "entries: $n"
echo "index build (s, median of $runs): $(printf '%s\n' "${index[@]}" | median)"
echo "export (s, median of $runs): $(printf '%s\n' "${export[@]}" | median)"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
target/release/calabash build --root "$corpus" --output "$site" --base-url "http://127.0.0.1:$port/" >/dev/null
echo "exported files: $(find "$site/search/index" -type f | wc -l)"
echo "exported bytes: $(du -sb "$site/search/index" | cut -f1)"

python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
sleep 1
node benches/search-browser.mjs "http://127.0.0.1:$port" > target/bench/search-$n.json
python3 - "target/bench/search-$n.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for kind in ("one_word", "three_words"):
    k = r[kind]
    print(f"cold first query, {kind.replace('_', ' ')}: search {k['search_sent']['median']/1024:.1f} KiB median, "
          f"{k['search_sent']['max']/1024:.1f} KiB max; page (HTML, CSS) {k['page_sent']['median']/1024:.1f} KiB; "
          f"{k['files']['median']} files")
q = r["query_ms"]
print(f"query time once loaded: median {q['median']:.2f} ms, p95 {q['p95']:.2f} ms, max {q['max']:.2f} ms ({q['samples']} runs)")
print(f"details: {sys.argv[1]}")
PY
