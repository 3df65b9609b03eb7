#!/usr/bin/env bash
# Page weight of the sample hub, as a reader on mobile data pays for it:
# builds the hub into target/page-weight/, then for the home page and for the
# largest entry page (the biggest <collection>/<slug>/index.html) sums the
# gzip -9 sizes of the HTML and of every stylesheet (<link rel=stylesheet>)
# and script (<script src>) it references. Prints a table; exits 1 when the
# home page is over 40 KB or the largest entry page over 30 KB
# (tests/it/page_weight.rs checks the same limits).
#
#   benches/page-weight.sh
#   HOME_LIMIT_KB=20 ENTRY_LIMIT_KB=15 benches/page-weight.sh   # other limits
set -euo pipefail
cd "$(dirname "$0")/.."

HOME_LIMIT=$((${HOME_LIMIT_KB:-40} * 1024))
ENTRY_LIMIT=$((${ENTRY_LIMIT_KB:-30} * 1024))
out=target/page-weight

cargo build --release --quiet
rm -rf "$out"
target/release/calabash build --output "$out" >/dev/null

gz() { gzip -9 -c "$1" | wc -c; }

# The site's base path ("" for https://hub.example.org), to map URLs to files.
base_path=$(sed -n 's|^base_url *= *"https\{0,1\}://[^/"]*\(/[^"]*\)\{0,1\}".*|\1|p' site.toml | sed 's|/$||')

# The local files a page references: stylesheets and scripts.
assets() {
  local page=$1 dir
  dir=$(dirname "$page")
  {
    grep -oiE '<link[^>]*>' "$page" | grep -iE 'rel="?stylesheet' || true
    grep -oiE '<script[^>]*src=[^>]*>' "$page" || true
  } | grep -oiE '(href|src)="[^"]*"' | sed -E 's/^[a-z]+="//; s/"$//; s/[?#].*//' |
    while read -r url; do
      case "$url" in
        http://* | https://* | //*) echo "EXTERNAL:$url" ;;
        /*) echo "$out${url#"$base_path"}" ;;
        *) echo "$dir/$url" ;;
      esac
    done | sort -u
}

fail=0
printf '%-64s %9s %9s %9s %8s\n' page "html gz" "css+js gz" "total" limit
report() {
  local label=$1 page=$2 limit=$3 html assets_total=0 total file
  html=$(gz "$page")
  while read -r file; do
    [ -n "$file" ] || continue
    if [[ $file == EXTERNAL:* ]]; then
      echo "  $label references another host: ${file#EXTERNAL:}" >&2
      fail=1
      continue
    fi
    if [ ! -f "$file" ]; then
      echo "  $label references a missing file: $file" >&2
      fail=1
      continue
    fi
    assets_total=$((assets_total + $(gz "$file")))
  done < <(assets "$page")
  total=$((html + assets_total))
  printf '%-64s %9d %9d %9d %8d %s\n' "$label" "$html" "$assets_total" "$total" "$limit" \
    "$([ "$total" -le "$limit" ] && echo ok || echo TOO BIG)"
  [ "$total" -le "$limit" ] || fail=1
}

# Collection folders: the `url` of each [collections.*] table in site.toml.
folders=$(awk '/^\[collections\.[^].]*\]/ {c=1; next} /^\[/ {c=0} c && /^url *= *"\// {gsub(/.*= *"\/|\/".*/, ""); print}' site.toml)
largest=""
largest_size=0
for folder in $folders; do
  for page in "$out/$folder"/*/index.html; do
    [ -f "$page" ] || continue
    grep -q 'http-equiv="refresh"' "$page" && continue # alias redirects
    size=$(wc -c <"$page")
    if [ "$size" -gt "$largest_size" ]; then
      largest=$page
      largest_size=$size
    fi
  done
done
[ -n "$largest" ] || { echo "no entry pages found under $out" >&2; exit 1; }

report "home (/)" "$out/index.html" "$HOME_LIMIT"
report "largest entry (${largest#"$out"})" "$largest" "$ENTRY_LIMIT"
exit "$fail"
