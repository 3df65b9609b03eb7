#!/usr/bin/env bash
# Translations benchmark: the same synthetic corpus (default 10,000 entries)
# built without translations and with 30% of its entries also in Spanish,
# in paired runs (one build of each, alternating, per run), and the search
# bytes of both: the exported static index (files, bytes) and, in headless
# Chromium (benches/search-browser.mjs), the bytes of a cold first query.
# Translations are `<slug>.es.md` files when this Calabash builds them,
# else entries of their own in Spanish (gen-corpus --translations-as-entries);
# the script says which.
#
#   benches/translations.sh           # 10,000 entries, 30%, 5 paired runs
#   RUNS=3 PERCENT=30 benches/translations.sh 10000
#   SEARCH=0 benches/translations.sh  # the builds only
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
runs=${RUNS:-5}
percent=${PERCENT:-30}

cargo build --release --quiet
cargo build --release --quiet --example gen-corpus
bin=target/release/calabash
gen=target/release/examples/gen-corpus
plain=target/bench/translations-$n-none
translated=target/bench/translations-$n-$percent

"$gen" --entries "$n" --force "$plain" >/dev/null
"$gen" --entries "$n" --translated "$percent" --force "$translated" >/dev/null
shape="translation files (<slug>.es.md)"
if ! "$bin" check --root "$translated" >/dev/null 2>&1; then
  "$gen" --entries "$n" --translated "$percent" --translations-as-entries --force "$translated" >/dev/null
  shape="entries of their own (<slug>-es.md, lang = \"es\"): this Calabash has no translations"
fi
echo "entries: $n; translated: $percent% as $shape"
echo "files: $(find "$plain/content" -name '*.md' | wc -l) without, $(find "$translated/content" -name '*.md' | wc -l) with translations"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# "wall_seconds cpu_seconds" (user + system) of one cold build of $1 into
# $2: on a shared machine the CPU time says more than the wall time.
cold_build() {
  rm -rf "$2" "$(dirname "$2")/.$(basename "$2").calabash-spare"
  sync
  { /usr/bin/time -f '%e %U %S' "$bin" build --root "$1" --output "$2" >/tmp/calabash-bench.log; } 2>&1 |
    tail -1 | awk '{printf "%s %.2f\n", $1, $2 + $3}'
}
a=(); b=(); ratio=(); ca=(); cb=(); cratio=()
for _ in $(seq "$runs"); do
  read -r x cx < <(cold_build "$plain" target/bench/translations-out-none)
  read -r y cy < <(cold_build "$translated" target/bench/translations-out-translated)
  a+=("$x"); b+=("$y"); ca+=("$cx"); cb+=("$cy")
  ratio+=("$(awk -v x="$x" -v y="$y" 'BEGIN {printf "%.3f", y / x}')")
  cratio+=("$(awk -v x="$cx" -v y="$cy" 'BEGIN {printf "%.3f", y / x}')")
  echo "  run: $x s ($cx s CPU) without, $y s ($cy s CPU) with translations"
done
echo "cold build, wall (s, median of $runs): $(printf '%s\n' "${a[@]}" | median) without, $(printf '%s\n' "${b[@]}" | median) with translations; paired ratio median $(printf '%s\n' "${ratio[@]}" | median)"
echo "cold build, CPU (s, median of $runs): $(printf '%s\n' "${ca[@]}" | median) without, $(printf '%s\n' "${cb[@]}" | median) with translations; paired ratio median $(printf '%s\n' "${cratio[@]}" | median)"

[ "${SEARCH:-1}" = 0 ] && exit 0
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
for kind in none translated; do
  root=$plain
  [ "$kind" = translated ] && root=$translated
  site=target/bench/translations-site-$kind
  "$bin" build --root "$root" --output "$site" --base-url "http://127.0.0.1:$port/" >/dev/null
  echo "$kind: exported files $(find "$site/search/index" -type f | wc -l), bytes $(du -sb "$site/search/index" | cut -f1), manifest $(stat -c %s "$site/search/index/manifest.json")"
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" >/dev/null 2>&1 &
  server=$!
  sleep 1
  node benches/search-browser.mjs "http://127.0.0.1:$port" > "target/bench/translations-search-$kind.json" || true
  kill "$server"
  wait "$server" 2>/dev/null || true
  python3 - "target/bench/translations-search-$kind.json" "$kind" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for kind in ("one_word", "three_words"):
    k = r[kind]
    by = {}
    for q in k["queries"]:
        for name, sent in q["by_kind"].items():
            by.setdefault(name, []).append(sent)
    parts = ", ".join(f"{name} {sorted(v)[(len(v) - 1) // 2] / 1024:.1f}" for name, v in by.items())
    print(f"{sys.argv[2]}: cold first query, {kind.replace('_', ' ')}: {k['search_sent']['median'] / 1024:.1f} KiB median "
          f"({k['search_sent']['max'] / 1024:.1f} KiB max); medians by kind (KiB): {parts}")
q = r["query_ms"]
print(f"{sys.argv[2]}: query time once loaded: median {q['median']:.2f} ms, p95 {q['p95']:.2f} ms")
PY
done
