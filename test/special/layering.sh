#!/usr/bin/env bash
# The core never calls into the API files: no object under src/core/ may
# reference a symbol defined by one under src/<dll>/ (STYLE.md; the API
# files stand on the core, never the other way round).
#   layering.sh <object dir holding src/*/*.o>
set -euo pipefail
objs=$1/src
[ -d "$objs/core" ] || { echo "layering: no objects under $objs/core" >&2; exit 1; }
defs=$(mktemp)
trap 'rm -f "$defs"' EXIT
# Every API object's defined names, in one nm run: "name dll/file".
api=()
for o in "$objs"/*/*.o; do
    [ "$(basename "$(dirname "$o")")" = core ] || api+=("$o")
done
nm -A --defined-only "${api[@]}" | awk '$2 ~ /^[TDBRV]$/ {
    f = $1; sub(/:[^:]*$/, "", f); n = split(f, p, "/"); sub(/\.o$/, "", p[n]); print $3, p[n - 1] "/" p[n] }' |
    sort -u >"$defs"
bad=0
for o in "$objs"/core/*.o; do
    # One awk per object (not per symbol): the defined names, then this
    # object's undefined ones.
    hits=$(nm -u "$o" | awk -v obj="core/$(basename "$o" .o)" \
        'NR == FNR { def[$1] = $2; next } ($2 in def) { print "layering: " obj " uses " $2 " from " def[$2] }' \
        "$defs" -)
    if [ -n "$hits" ]; then
        echo "$hits"
        bad=$((bad + $(wc -l <<<"$hits")))
    fi
done
echo "layering: $(ls "$objs"/core/*.o | wc -l) core objects, $bad calls into API files"
[ "$bad" -eq 0 ]
