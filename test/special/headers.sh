#!/usr/bin/env bash
# Header checks: a Winsock program compiles warning-free (-Wall -Wextra
# -Werror) with our headers and libc's in every relative order, in C and C++,
# and the Windows meanings win (headers_body.h asserts them); a POSIX socket
# header before ours stops the build with our #error.
#
#   headers.sh <cc> <c++ or ""> <include dir> <work dir>
set -euo pipefail
cc=$1 cxx=$2 inc=$3 work=$4
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work" && mkdir -p "$work"

ours=(winsock2.h ws2tcpip.h windows.h)
libc=(stdio.h stdlib.h string.h time.h stdint.h sys/types.h sys/time.h sys/select.h unistd.h)
cxx_extra=(cstdio cstdlib cstring ctime string iostream)
perms=("0 1 2" "0 2 1" "1 0 2" "1 2 0" "2 0 1" "2 1 0")
c_stds=(c99 c11 gnu11)
cxx_stds=(c++11 c++17)
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

orders() { # <lang> <libc headers...>
    local lang=$1 h p
    shift
    for p in "${perms[@]}"; do
        unit "$lang" "$(our_block "$p")"
        unit "$lang" '#define WIN32_LEAN_AND_MEAN' "$(our_block "$p")"
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
    # Windows lets a program raise FD_SETSIZE before its first include.
    for p in "${perms[@]}"; do
        unit "$lang" '#define FD_SETSIZE 256' '#define HB_SETSIZE 256' "$(our_block "$p")"
        unit "$lang" '#define FD_SETSIZE 4096' '#define HB_SETSIZE 4096' "$(our_block "$p")" \
            "$(printf '#include <%s>\n' "$@")"
    done
    for h in "$@"; do
        unit "$lang" '#define FD_SETSIZE 256' '#define HB_SETSIZE 256' "$(our_block "2 1 0")" "#include <$h>"
        unit "$lang" '#define FD_SETSIZE 256' '#define HB_SETSIZE 256' '#define HB_SETSIZE_MAY_BE_LOST' \
            "#include <$h>" "$(our_block "0 1 2")"
    done
}

orders c "${libc[@]}"
[ -n "$cxx" ] && orders cxx "${libc[@]}" "${cxx_extra[@]}"

# One compilation per (unit, standard), spread over the CPUs.
compile_one() { # <compiler> <std> <file>
    "$1" -std="$2" -Wall -Wextra -Werror -I"$WS2P_INC" -c "$3" -o /dev/null 2>"$3.$2.err" || : >"$3.$2.fail"
}
export -f compile_one
export WS2P_INC=$inc
while read -r lang f; do
    if [ "$lang" = c ]; then
        for std in "${c_stds[@]}"; do echo "$cc $std $f"; done
    else
        for std in "${cxx_stds[@]}"; do echo "$cxx $std $f"; done
    fi
done <"$jobs_file" >"$work/compiles"
total=$(wc -l <"$work/compiles")
xargs -P "$(nproc 2>/dev/null || echo 2)" -n 3 bash -c 'compile_one "$@"' _ <"$work/compiles"

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
