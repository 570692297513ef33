#!/usr/bin/env bash
# The core never calls into the API files: no object under src/core/ may
# reference a symbol defined by one under src/<dll>/ (STYLE.md; the API
# files stand on the core, never the other way round).
#   layering.sh <object dir holding src/*/*.o>
set -euo pipefail
objs=$1/src
[ -d "$objs/core" ] || { echo "layering: no objects under $objs/core" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Two nm runs over every object (-A names the file on each line).
nm -A --defined-only "$objs"/*/*.o | awk -F'[: ]+' '$0 !~ "/core/" && $(NF-1) ~ /^[TDBRV]$/ {
    n = split($1, p, "/"); print $NF, p[n-1] "/" p[n] }' | sort -u >"$work/defs"
nm -A -u "$objs"/core/*.o | awk -F'[: ]+' '{ n = split($1, p, "/"); print $NF, "core/" p[n] }' | sort -u >"$work/uses"
awk 'NR == FNR { def[$1] = $2; next } ($1 in def) { print "layering: " $2 " uses " $1 " from " def[$1]; bad++ }
     END { exit bad > 0 }' "$work/defs" "$work/uses" && status=0 || status=1
echo "layering: $(ls "$objs"/core/*.o | wc -l) core objects checked"
exit $status
