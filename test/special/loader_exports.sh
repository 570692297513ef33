#!/usr/bin/env bash
# GetProcAddress reaches every exported function (loader_exports.c).
#   loader_exports.sh <libws2_32.so> <special_loader_exports> <work file>
set -euo pipefail
lib=$1 prog=$2 list=$3
# (without what sanitizers add: __odr_asan.x, __asan_*)
nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRV]$/ {print $3}' | sed 's/@.*//' |
    grep -E '^[A-Za-z_][A-Za-z0-9_]*$' | grep -Ev '^__(odr_asan|asan|ubsan|sanitizer|tsan|msan)' | sort -u >"$list"
"$prog" "$list"
