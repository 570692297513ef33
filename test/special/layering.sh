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
for o in "$objs"/*/*.o; do
    dir=$(basename "$(dirname "$o")")
    [ "$dir" = core ] && continue
    nm --defined-only "$o" | awk -v f="$dir/$(basename "$o" .o)" '$2 ~ /^[TDBRV]$/ {print $3, f}'
done | sort -u >"$defs"
bad=0
for o in "$objs"/core/*.o; do
    for u in $(nm -u "$o" | awk '{print $2}'); do
        hit=$(awk -v s="$u" '$1 == s {print $2; exit}' "$defs")
        if [ -n "$hit" ]; then
            echo "layering: core/$(basename "$o" .o) uses $u from $hit"
            bad=$((bad + 1))
        fi
    done
done
echo "layering: $(ls "$objs"/core/*.o | wc -l) core objects, $bad calls into API files"
[ "$bad" -eq 0 ]
