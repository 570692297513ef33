#!/usr/bin/env bash
# GetProcAddress reaches every exported function (loader_exports.c).
#   loader_exports.sh <libws2_32.so> <special_loader_exports> <work file>
set -euo pipefail
lib=$1 prog=$2 list=$3
nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRV]$/ {print $3}' | sed 's/@.*//' | sort -u >"$list"
"$prog" "$list"
