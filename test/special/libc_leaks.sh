#!/usr/bin/env bash
# The Windows headers and every installed glibc header, in one file:
#  1. glibc's text is never parsed with our renamed types: preprocessing
#     <winsock2.h> then <H> leaves no ws2p_ name in any line of glibc's
#     (but ws2p_libc_select/ws2p_libc_gethostname, glibc's own declarations
#     renamed out of the way of ours in C)
#     (ws2p/base.h: the renaming macros are suspended by a pass-through
#     wrapper around every glibc header that mentions them);
#  2. <winsock2.h> and <H> compile together, in both orders, wherever <H>
#     compiles alone - except the POSIX socket headers, which must stop
#     with our #error (the two APIs give the same names other values);
#  3. the whole C++ standard library compiles after <windows.h> (min/max
#     macros defined, and with -D_WIN32), in each C++ standard;
#  4. every header scripts/gen-wrappers.sh wraps is still a glibc or
#     libstdc++ header here (a renamed or vanished one would leave its
#     replacement unwrapped).
#
#   libc_leaks.sh <cc> <c++ or ""> <include dir> <work dir>
set -euo pipefail
cc=$1 cxx=$2 inc=$3 work=$4
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
rm -rf "$work" && mkdir -p "$work"

# The public glibc headers (bits/ and gnu/ are reached through them).
sysinc=$(echo | "$cc" -xc -E -v - 2>&1 | sed -n '/^#include <...> search starts here:/,/^End of search list./p' |
    grep '^ /' | sed 's/^ //')
headers=$work/headers
for d in $sysinc; do
    case "$d" in */gcc/*) continue ;; esac
    [ -d "$d" ] && (cd "$d" && find . -name '*.h' -not -path './bits/*' -not -path '*/bits/*' -not -path './gnu/*' \
        -not -path './c++/*' -not -path './linux/*' -not -path './asm*' -not -path './x86_64-linux-gnu/*' \
        -not -path './finclude/*' | sed 's|^\./||')
done | sort -u >"$headers.all"
# Only glibc's own (other packages' headers are not ours to check).
if command -v dpkg >/dev/null && dpkg -L libc6-dev >/dev/null 2>&1; then
    dpkg -L libc6-dev | grep '\.h$' | sed 's|^/usr/include/||; s|^x86_64-linux-gnu/||; s|^[a-z0-9_]*-linux-gnu[a-z]*/||' |
        sort -u | comm -12 - "$headers.all" >"$headers"
else
    cp "$headers.all" "$headers"
fi

want='ws2posix: a POSIX socket header'

# The cheap path first: both orders compile (no #error, nothing to learn
# from <H> alone). Only on a failure is <H> tried alone, so that headers
# which do not compile by themselves (they need another first) are
# skipped rather than reported.
check_one() { # <header> -> prints a line per problem
    local h=$1 n f after=ok before=ok
    n=$WS2P_WORK/${h//\//_}
    f=$n.after.c
    printf '#include <winsock2.h>\n#include <ws2tcpip.h>\n#include <%s>\nint main(void) { return 0; }\n' "$h" >"$f"
    printf '#include <%s>\n#include <winsock2.h>\n#include <ws2tcpip.h>\nint main(void) { return 0; }\n' "$h" >"$n.before.c"
    if "$WS2P_CC" -std=gnu11 -E -I"$WS2P_INC" "$f" -o "$n.i" 2>/dev/null; then
        # ws2p_libc_*: glibc's own select/gethostname renamed out of the
        # way of ours (C), still with glibc's types.
        awk -v inc="$WS2P_INC" '/^# [0-9]+ "/ { file = $3; next }
            file !~ inc && file !~ /after\.c"/ { line = $0; gsub(/ws2p_libc_/, "", line)
                if (line ~ /ws2p_/) { print "LEAK <" H ">: " file ": " $0; exit } }' H="$h" "$n.i"
        # The preprocessed text just scanned is what is compiled (its line
        # markers keep glibc's files system headers).
        "$WS2P_CC" -std=gnu11 -Wall -Wextra -Werror -fsyntax-only -fpreprocessed "$n.i" >"$n.a.err" 2>&1 || after=fail
        rm -f "$n.i"
    else
        "$WS2P_CC" -std=gnu11 -Wall -Wextra -Werror -fsyntax-only -I"$WS2P_INC" "$f" >"$n.a.err" 2>&1 || after=fail
    fi
    "$WS2P_CC" -std=gnu11 -Wall -Wextra -Werror -fsyntax-only -I"$WS2P_INC" "$n.before.c" >"$n.b.err" 2>&1 || before=fail
    [ $after = ok ] && [ $before = ok ] && return 0
    printf '#include <%s>\nint main(void) { return 0; }\n' "$h" >"$n.alone.c"
    "$WS2P_CC" -std=gnu11 -fsyntax-only "$n.alone.c" >/dev/null 2>&1 || return 0
    if grep -q "$WS2P_WANT" "$n.a.err" "$n.b.err"; then
        # A socket header, or one that includes one: both orders stop with our message.
        grep -q "$WS2P_WANT" "$n.a.err" || echo "MIXED <$h> after ours: not stopped by our #error: $(grep -m1 error "$n.a.err")"
        grep -q "$WS2P_WANT" "$n.b.err" || echo "MIXED <$h> before ours: not stopped by our #error: $(grep -m1 error "$n.b.err")"
    else
        [ $after = ok ] || echo "FAIL <$h> after the Windows headers: $(grep -m1 -E 'error|warning' "$n.a.err")"
        [ $before = ok ] || echo "FAIL <$h> before the Windows headers: $(grep -m1 -E 'error|warning' "$n.b.err")"
    fi
}
export -f check_one
export WS2P_CC=$cc WS2P_INC=$inc WS2P_WORK=$work WS2P_WANT=$want
xargs -P "$(nproc 2>/dev/null || echo 2)" -n 8 bash -c 'for h; do check_one "$h"; done' _ <"$headers" >"$work/report" 2>&1 || true

# Headers known to clash with Windows' names for a reason of their own
# (macro values Windows gives other meanings); listed, not failed.
known="arpa/nameser.h arpa/nameser_compat.h values.h sys/soundcard.h"
problems=0
while read -r line; do
    h=$(sed -n 's/^[A-Z]* <\([^>]*\)>.*/\1/p' <<<"$line")
    case " $known " in *" $h "*) echo "known: $line"; continue ;; esac
    echo "$line"
    problems=$((problems + 1))
done <"$work/report"
echo "libc: $(wc -l <"$headers") glibc headers checked against the Windows headers, $problems problems"

# 3. The C++ standard library after <windows.h>.
cxxfail=0
if [ -n "$cxx" ]; then
    all=$work/all.cpp
    cxxinc=$(echo | "$cxx" -xc++ -E -v - 2>&1 | sed -n '/^#include <...> search starts here:/,/^End of search list./p' |
        grep '^ /' | sed 's/^ //')
    {
        echo '#include <windows.h>'
        echo '#include <winsock2.h>'
        bash "$root/scripts/gen-wrappers.sh" --list cxx | while read -r h; do
            found=0
            for d in $cxxinc; do [ -f "$d/$h" ] && found=1; done
            [ $found = 1 ] || continue # a newer standard's header this library lacks
            [ "$h" = strstream ] && continue # deprecated: warns by itself
            case "$h" in coroutine) echo "#if __cplusplus > 201703L"; echo "#include <$h>"; echo "#endif"; continue ;; esac
            echo "#include <$h>"
        done
        echo 'int use_minmax(int a, int b) { return min(a, b) + max(a, b); }'
    } >"$all"
    for mode in "c++11 " "c++17 -D_WIN32" "c++20 "; do
        std=${mode% *} def=${mode#* }
        {
            if ! "$cxx" -std=$std $def -Wall -Wextra -Werror -I"$inc" -fsyntax-only "$all" >"$work/all.$std$def.err" 2>&1; then
                echo "FAIL: the C++ standard library after <windows.h> ($std $def):"
                head -10 "$work/all.$std$def.err" | sed 's/^/    /'
                cxxfail=$((cxxfail + 1))
            fi
        }
    done
    echo "libc: the C++ standard library after <windows.h>: $cxxfail of 3 modes failed"
fi

# 4. What we wrap still exists.
gone=0
wrapped=$(for g in renames crt posix_sockets; do bash "$root/scripts/gen-wrappers.sh" --list $g; done)
for h in $wrapped; do
    found=0
    for d in $sysinc; do [ -f "$d/$h" ] && found=1; done
    [ $found = 1 ] || { echo "GONE: <$h> is wrapped but no longer installed"; gone=$((gone + 1)); }
done

[ "$problems" -eq 0 ] && [ "$cxxfail" -eq 0 ] && [ "$gone" -eq 0 ]
