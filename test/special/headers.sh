#!/usr/bin/env bash
# Header checks: a Winsock program compiles warning-free (-Wall -Wextra
# -Werror) with our headers and libc's in every relative order, in C and C++,
# and the Windows meanings win (headers_body.h asserts them); a POSIX socket
# header before ours stops the build with our #error.
#
# Each order is one compilation; the language standards, the compilers
# (GCC and clang when given) and -D_WIN32 (a project's platform selector)
# rotate over the orders, so every combination is exercised without
# compiling every order in each (test/special/compat.sh covers every
# standard for the idioms themselves).
#
#   headers.sh <cc> <c++ or ""> <include dir> <work dir> [<clang> <clang++>]
set -euo pipefail
cc=$1 cxx=$2 inc=$3 work=$4 clang=${5:-} clangxx=${6:-}
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work" && mkdir -p "$work"

ours=(winsock2.h ws2tcpip.h windows.h)
libc=(stdio.h stdlib.h string.h time.h stdint.h sys/types.h sys/time.h sys/select.h unistd.h)
cxx_extra=(cstdio cstdlib cstring ctime string iostream)
perms=("0 1 2" "0 2 1" "1 0 2" "1 2 0" "2 0 1" "2 1 0")
c_stds=(c99 c11 gnu11 gnu17)
cxx_stds=(c++11 c++17 c++20)
flags=(-Wall -Wextra -Werror -I"$inc")

n=0
jobs_file=$work/jobs
: >"$jobs_file"

# unit <lang> <prelude lines...>: one translation unit, compiled later with
# every standard of its language.
unit() {
    local lang=$1
    shift
    local ext=c
    [ "$lang" = cxx ] && ext=cpp
    local f=$work/u$n.$ext
    n=$((n + 1))
    printf '%s\n' "$@" >"$f"
    printf '#include "%s/headers_body.h"\n' "$here" >>"$f"
    echo "$lang $f" >>"$jobs_file"
}

our_block() { # <perm>
    local i
    for i in $1; do printf '#include <%s>\n' "${ours[$i]}"; done
    printf '#include <mswsock.h>\n#include <mstcpip.h>\n'
}

# Our three headers in every relative order on their own; with libc's, two
# orders of ours (they all start with ws2p/base.h, so the libc header's
# place is what matters: before, after, between).
orders() { # <lang> <libc headers...>
    local lang=$1 h p
    shift
    for p in "${perms[@]}"; do
        unit "$lang" "$(our_block "$p")"
        unit "$lang" '#define WIN32_LEAN_AND_MEAN' "$(our_block "$p")"
    done
    for p in "0 1 2" "2 1 0"; do
        unit "$lang" "$(printf '#include <%s>\n' "$@")" "$(our_block "$p")"
        unit "$lang" "$(our_block "$p")" "$(printf '#include <%s>\n' "$@")"
        for h in "$@"; do
            unit "$lang" "#include <$h>" "$(our_block "$p")"
            unit "$lang" "$(our_block "$p")" "#include <$h>"
        done
    done
    # A libc header between two of ours.
    for h in "$@"; do
        unit "$lang" "#include <${ours[0]}>" "#include <$h>" "#include <${ours[1]}>" "#include <${ours[2]}>"
        unit "$lang" "#include <${ours[2]}>" "#include <$h>" "#include <${ours[0]}>" "#include <${ours[1]}>"
    done
    # Windows lets a program raise FD_SETSIZE before its first include; a
    # libc header in between does not lose it.
    for p in "0 1 2" "2 1 0"; do
        unit "$lang" '#define FD_SETSIZE 256' '#define HB_SETSIZE 256' "$(our_block "$p")"
        unit "$lang" '#define FD_SETSIZE 4096' '#define HB_SETSIZE 4096' "$(our_block "$p")" \
            "$(printf '#include <%s>\n' "$@")"
    done
    for h in "$@"; do
        unit "$lang" '#define FD_SETSIZE 256' '#define HB_SETSIZE 256' "$(our_block "2 1 0")" "#include <$h>"
        unit "$lang" '#define FD_SETSIZE 256' '#define HB_SETSIZE 256' "#include <$h>" "$(our_block "0 1 2")"
    done
}

orders c "${libc[@]}"
[ -n "$cxx" ] && orders cxx "${libc[@]}" "${cxx_extra[@]}"

# One compilation per unit, the (compiler, standard, -D_WIN32) triple
# rotating; spread over the CPUs.
compile_one() { # <compiler> <std> <define or -> <file>
    local d=$3
    [ "$d" = - ] && d=
    # shellcheck disable=SC2086
    "$1" -std="$2" $d -Wall -Wextra -Werror -I"$WS2P_INC" -c "$4" -o /dev/null 2>"$4.$2.err" || : >"$4.$2.fail"
}
export -f compile_one
export WS2P_INC=$inc
c_comps=("$cc")
[ -n "$clang" ] && c_comps+=("$clang")
cxx_comps=("$cxx")
[ -n "$clangxx" ] && cxx_comps+=("$clangxx")
ci=0 xi=0
while read -r lang f; do
    if [ "$lang" = c ]; then
        comp=${c_comps[$((ci / ${#c_stds[@]} % ${#c_comps[@]}))]} std=${c_stds[$((ci % ${#c_stds[@]}))]}
        def=-
        [ $((ci % 3)) = 2 ] && def=-D_WIN32
        ci=$((ci + 1))
    else
        comp=${cxx_comps[$((xi / ${#cxx_stds[@]} % ${#cxx_comps[@]}))]} std=${cxx_stds[$((xi % ${#cxx_stds[@]}))]}
        def=-
        [ $((xi % 4)) = 3 ] && def=-D_WIN32
        xi=$((xi + 1))
    fi
    echo "$comp $std $def $f"
done <"$jobs_file" >"$work/compiles"
total=$(wc -l <"$work/compiles")
xargs -P "$(nproc 2>/dev/null || echo 2)" -n 4 bash -c 'compile_one "$@"' _ <"$work/compiles"

fails=0
for m in "$work"/*.fail; do
    [ -e "$m" ] || continue
    fails=$((fails + 1))
    f=${m%.*.fail}
    std=${m%.fail}
    std=${std##*.}
    if [ "$fails" -le 20 ]; then
        echo "FAIL [$std] $f:"
        sed 's/^/    /' "$f"
        head -12 "$f.$std.err" | sed 's/^/    /'
    fi
done
[ "$fails" -gt 20 ] && echo "... $((fails - 20)) more failures (see $work/*.fail)"
echo "headers: $total compilations in include orders, $fails failed"

# A POSIX socket header first must stop the build with our message.
want='ws2posix: a POSIX socket header'
neg=0 negfail=0
for posix in sys/socket.h netinet/in.h arpa/inet.h netdb.h; do
    for w in "${ours[@]}"; do
        for lang in c cxx; do
            [ "$lang" = cxx ] && [ -z "$cxx" ] && continue
            ext=c comp=$cc std=c11
            [ "$lang" = cxx ] && ext=cpp comp=$cxx std=c++17
            f=$work/neg$neg.$ext
            neg=$((neg + 1))
            printf '#include <%s>\n#include <%s>\nint main(void) { return 0; }\n' "$posix" "$w" >"$f"
            if "$comp" -std=$std "${flags[@]}" -c "$f" -o /dev/null 2>"$f.err"; then
                echo "FAIL: <$posix> then <$w> ($lang) compiled; want #error"
                negfail=$((negfail + 1))
            elif ! grep -q "$want" "$f.err"; then
                echo "FAIL: <$posix> then <$w> ($lang) failed without our #error:"
                head -10 "$f.err" | sed 's/^/    /'
                negfail=$((negfail + 1))
            fi
        done
    done
done
echo "headers: $neg POSIX-header-first compilations, $negfail without our #error"

[ "$fails" -eq 0 ] && [ "$negfail" -eq 0 ]
