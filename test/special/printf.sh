#!/usr/bin/env bash
# The plain printf family of a Windows file follows MSVC's format rules
# (ws2p/crt_printf.h): printf_body.h must print as on Windows, warning-free
# at -Wall -Wextra -Werror, with gcc, clang, g++ and clang++, C and C++
# standards, -O0/-O2/_FORTIFY_SOURCE, and <stdio.h> before or after
# <windows.h>.  WS2P_GLIBC_PRINTF (the opt-out) shows glibc's own reading of
# %I64d: a 32-bit value padded to 64 columns (docs/windows-vs-linux.md).
#
#   printf.sh <include dir> <lib dir> <work dir> [sanitize ON|OFF]
set -euo pipefail
inc=$1 lib=$2 work=$3 sanitize=${4:-OFF}
san=""
case "$sanitize" in ON | on | 1 | TRUE | true) san="-fsanitize=address,undefined" ;; esac
# A sanitized library carries GCC's ASan runtime; clang's is a different one
# and the two refuse to share a process, so that build checks gcc/g++ only
# (the unsanitized suite checks all four).
compilers="gcc clang" cxxcompilers="g++ clang++"
[ -n "$san" ] && compilers=gcc cxxcompilers=g++
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work" && mkdir -p "$work"
want=$'printf:-5000000000\nfprintf:7\nwprintf:wide'
n=0 fail=0

run() { # <compiler> <lang> <std> <opts> <order>
    local cc=$1 lang=$2 std=$3 opts=$4 order=$5 src out
    n=$((n + 1))
    src=$work/p$n.$lang
    out=$work/p$n
    { [ "$order" = stdio-first ] && printf '#include <stdio.h>\n#include <wchar.h>\n'
      printf '#include "%s/printf_body.h"\n' "$here"; } >"$src"
    # shellcheck disable=SC2086
    if ! "$cc" -std="$std" $opts $san -Wall -Wextra -Werror -I"$inc" "$src" -o "$out" -L"$lib" -lws2_32 \
        -Wl,-rpath,"$lib" 2>"$out.log"; then
        echo "FAIL (build): $cc -std=$std $opts $order"; sed 's/^/    /' "$out.log" | head -20; fail=1; return
    fi
    local got
    if ! got=$("$out" 2>&1) || [ "$(tail -3 <<<"$got")" != "$want" ]; then
        echo "FAIL (output): $cc -std=$std $opts $order"; sed 's/^/    /' <<<"$got"; fail=1
    fi
}

for cc in $compilers; do
    command -v $cc >/dev/null || { echo "note: no $cc"; continue; }
    for std in c99 c11 gnu11; do
        for opts in "-O0" "-O2" "-O2 -D_FORTIFY_SOURCE=2"; do
            for order in windows-first stdio-first; do run $cc c "$std" "$opts" $order; done
        done
    done
done
for cxx in $cxxcompilers; do
    command -v $cxx >/dev/null || { echo "note: no $cxx"; continue; }
    for std in c++11 c++17 gnu++17; do
        for opts in "-O0" "-O2" "-O2 -D_FORTIFY_SOURCE=2"; do
            for order in windows-first stdio-first; do run $cxx cpp "$std" "$opts" $order; done
        done
    done
done

# The opt-out keeps glibc's printf: %I64d is its 'I' flag, width 64, an int.
printf '#define WS2P_GLIBC_PRINTF\n#include <windows.h>\n#include <stdio.h>\nint main(void){printf("[%%I64d]\\n", -5000000000LL);return 0;}\n' >"$work/glibc.c"
# shellcheck disable=SC2086
if gcc -w $san -I"$inc" "$work/glibc.c" -o "$work/glibc" -L"$lib" -lws2_32 -Wl,-rpath,"$lib"; then
    got=$("$work/glibc")
    [ "$got" = "[$(printf '%64s' -705032704)]" ] || { echo "FAIL: glibc's own %I64d printed \"$got\""; fail=1; }
else
    echo "FAIL (build): WS2P_GLIBC_PRINTF"; fail=1
fi

echo "printf: $n builds checked; $([ $fail = 0 ] && echo passed || echo FAILED)"
exit $fail
