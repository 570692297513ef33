#!/usr/bin/env bash
# Header compatibility: the idiomatic Windows fragments in compat/ (one per
# item of issue 10, written from Microsoft's documentation) compile in C
# (c99, c11, gnu11, gnu17) and C++ (c++11, c++17, c++20; the .c fragments
# too, as Windows code is often built as C++) with GCC and clang, at -Wall
# -Wextra -Werror plus GCC 14's -Werror=incompatible-pointer-types
# -Werror=implicit-function-declaration -Werror=int-conversion; each is then
# linked and run, since several must behave, not just compile (the
# gettimeofday canary, the extern "C" wrapper, u_long round trips).
#
# A fragment says what it needs in its first comment:
#   COMPAT_C_ONLY         not compiled as C++
#   COMPAT_VARIANTS: a | b   -D sets (an empty one allowed), spread over the modes
#
#   compat.sh <cc> <c++ or ""> <clang or ""> <clang++ or ""> <include dir> <lib dir> <work dir>
set -euo pipefail
cc=$1 cxx=$2 clang=$3 clangxx=$4 inc=$5 lib=$6 work=$7
here=$(cd "$(dirname "$0")" && pwd)/compat
rm -rf "$work" && mkdir -p "$work"

c_stds=(c99 c11 gnu11 gnu17)
cxx_stds=(c++11 c++17 c++20)
c_flags="-Wall -Wextra -Werror -Werror=incompatible-pointer-types -Werror=implicit-function-declaration -Werror=int-conversion"
cxx_flags="-Wall -Wextra -Werror"
c_compilers=("$cc")
[ -n "$clang" ] && c_compilers+=("$clang")
cxx_compilers=()
[ -n "$cxx" ] && cxx_compilers+=("$cxx")
[ -n "$clangxx" ] && cxx_compilers+=("$clangxx")

jobs=$work/jobs
: >"$jobs"
n=0
# job <run|compile> <compiler> <lang> <std> <variant> <file>
job() {
    echo "$1|$2|$3|$4|$5|$6|$n" >>"$jobs"
    n=$((n + 1))
}

# Every fragment is compiled in every mode of its language(s); a fragment
# with variants has them spread over the modes (mode i gets variant
# i % count), and each variant runs once per language, in the first mode
# it gets.
c_modes=() cxx_modes=()
for comp in "${c_compilers[@]}"; do for std in "${c_stds[@]}"; do c_modes+=("$comp|c|$std"); done; done
for std in "${cxx_stds[@]}"; do for comp in "${cxx_compilers[@]}"; do cxx_modes+=("$comp|c++|$std"); done; done

for f in "$here"/*.c "$here"/*.cpp; do
    head=$(sed -n '1,/\*\//p' "$f")
    variants=("")
    if v=$(grep -o 'COMPAT_VARIANTS:.*' <<<"$head" | sed 's/COMPAT_VARIANTS://; s|\*/||'); then
        IFS='|' read -r -a variants <<<"$v"
    fi
    langs="c++"
    case "$f" in *.c) langs="c c++" ;; esac
    grep -q COMPAT_C_ONLY <<<"$head" && langs=c
    for lang in $langs; do
        if [ "$lang" = c ]; then modes=("${c_modes[@]}"); else modes=("${cxx_modes[@]}"); fi
        [ ${#modes[@]} -eq 0 ] && continue
        ran=" "
        for i in "${!modes[@]}"; do
            vi=$((i % ${#variants[@]}))
            var=$(echo ${variants[$vi]})
            mode=compile
            case "$ran" in *" $vi "*) ;; *) mode=run ran="$ran$vi " ;; esac
            IFS='|' read -r comp l std <<<"${modes[$i]}"
            job $mode "$comp" "$l" "$std" "$var" "$f"
        done
    done
done

one() { # <job line>
    IFS='|' read -r mode comp lang std var f id <<<"$1"
    local flags=$WS2P_C_FLAGS out=$WS2P_WORK/j$id
    [ "$lang" = c++ ] && flags=$WS2P_CXX_FLAGS
    # shellcheck disable=SC2086
    if [ "$mode" = run ]; then
        if ! "$comp" -x "$lang" -std="$std" $flags $var -I"$WS2P_INC" "$f" -o "$out" -L"$WS2P_LIB" -lws2_32 \
            -Wl,-rpath,"$WS2P_LIB" -pthread >"$out.log" 2>&1; then
            echo "$1" >"$out.fail"
        elif ! (cd "$WS2P_WORK" && timeout 30 "$out" >>"$out.log" 2>&1); then
            echo "$1 (run)" >"$out.fail"
        fi
        rm -f "$out"
    elif ! "$comp" -x "$lang" -std="$std" $flags $var -I"$WS2P_INC" -c "$f" -o /dev/null >"$out.log" 2>&1; then
        echo "$1" >"$out.fail"
    fi
}
export -f one
export WS2P_C_FLAGS=$c_flags WS2P_CXX_FLAGS=$cxx_flags WS2P_INC=$inc WS2P_LIB=$lib WS2P_WORK=$work
tr '\n' '\0' <"$jobs" | xargs -0 -P "$(nproc 2>/dev/null || echo 2)" -n 1 bash -c 'one "$1"' _

total=$(wc -l <"$jobs")
runs=$(grep -c '^run|' "$jobs" || true)
fails=0
for m in "$work"/*.fail; do
    [ -e "$m" ] || continue
    fails=$((fails + 1))
    if [ "$fails" -le 15 ]; then
        echo "FAIL: $(cat "$m")"
        head -12 "${m%.fail}.log" | sed 's/^/    /'
    fi
done
[ "$fails" -gt 15 ] && echo "... $((fails - 15)) more failures (see $work/*.fail)"
echo "compat: $total builds of $(ls "$here"/*.c "$here"/*.cpp | wc -l) fragments ($runs also run), $fails failed"
[ "$fails" -eq 0 ]
