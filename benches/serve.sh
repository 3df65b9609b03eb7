#!/usr/bin/env bash
# `calabash serve` benchmark on the synthetic corpus (default 10,000 entries):
#   1. save-to-reload latency (benches/serve-latency.py): from saving one
#      entry, or a template every entry page uses, to the change event that
#      tells the open page to reload; medians of RUNS saves each;
#   2. load: wrk with 100 connections for 10 s against an entry page, the
#      home page and a search index file, from a second process on loopback.
# Needs wrk (apt-get install wrk) and python3.
#
#   benches/serve.sh              # 10,000 entries, 7 saves each
#   RUNS=3 benches/serve.sh 1000
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
runs=${RUNS:-7}
command -v wrk >/dev/null || { echo "install wrk (apt-get install wrk)" >&2; exit 1; }

cargo build --release --quiet
cargo build --release --quiet --example gen-corpus
# A fresh copy: the benchmark edits it.
corpus=target/bench/serve-corpus-$n
target/release/examples/gen-corpus --entries "$n" --force "$corpus" >/dev/null
entries=("$corpus"/content/library/*.md)
entry=${entries[0]#"$corpus"/}
template=themes/hub/templates/entry.html
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

log=target/bench/serve-$n.log
target/release/calabash serve --root "$corpus" --port "$port" >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
until grep -q "Serving at" "$log"; do
  kill -0 $server 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.2
done
echo "first build: $(grep -o 'Built in [0-9.]* s' "$log")"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
result=$(python3 benches/serve-latency.py "127.0.0.1:$port" "$corpus" "$entry" "$template" "$runs")
for kind in entry template; do
  values=$(python3 -c "import json,sys; print('\n'.join(f'{v:.1f}' for v in json.loads(sys.argv[1])['${kind}_ms']))" "$result")
  echo "save $kind -> reload message: median $(median <<<"$values") ms (runs: $(tr '\n' ' ' <<<"$values"))"
done
echo "server log of the last saves:"
grep "changed:" "$log" | tail -4

slug=${entry#content/library/}; slug=${slug%.md}
manifest=/search/index/manifest.json
for path in "/library/$slug/" / "$manifest"; do
  echo "wrk -t2 -c100 -d10s $path"
  wrk -t2 -c100 -d10s "http://127.0.0.1:$port$path" | grep -E "Requests/sec|Non-2xx|Socket errors|requests in|Latency"
done
