#!/usr/bin/env bash
# Writes the libc and C++ standard library pass-through wrappers into
# include/ws2posix/ (ws2p/base.h and ws2p/libc_begin.h explain why they
# exist).  The lists below are the one place that says which headers are
# wrapped; test/special/libc_leaks.sh checks them against the installed
# glibc and libstdc++.  Rerun after editing a list; commit the result.
set -euo pipefail
inc=$(cd "$(dirname "$0")/../include/ws2posix" && pwd)

# glibc headers that mention a name the Windows headers rename (timeval,
# fd_set, socklen_t, select, gethostname, gettimeofday) or define FD_SET &
# co. / timerisset & co.
renames="sys/select.h sys/time.h unistd.h sys/resource.h sys/wait.h sys/timex.h utmp.h utmpx.h sys/procfs.h
sys/profil.h protocols/timed.h"
# C headers that carry MSVC runtime names in Windows mode (ws2p/crt.h).
crt="stdio.h string.h stdlib.h wchar.h time.h sys/stat.h"
# POSIX socket headers, which give Winsock's names other values (AF_INET6,
# SOL_SOCKET, POLLIN, FIONBIO, struct sockaddr, ...): after a Windows header
# they stop the build with an explanation (before one, ws2p/base.h does).
posix_sockets="sys/socket.h netinet/in.h arpa/inet.h netdb.h poll.h sys/poll.h sys/ioctl.h"
# The C++ standard library: shielded from the Windows min/max macros and
# from -D_WIN32 (libstdc++'s <filesystem> would switch to Windows paths).
# Also the C headers libstdc++ replaces with its own (math.h, ...).
cxx="algorithm any array atomic barrier bit bitset cassert ccomplex cctype cerrno cfenv cfloat charconv chrono
cinttypes ciso646 climits clocale cmath codecvt compare complex concepts condition_variable coroutine csetjmp
csignal cstdalign cstdarg cstdbool cstddef cstdint cstdio cstdlib cstring ctgmath ctime cuchar cwchar cwctype
debugging deque exception execution expected filesystem flat_map flat_set format forward_list fstream functional
future generator hazard_pointer initializer_list inplace_vector iomanip ios iosfwd iostream istream iterator
latch limits linalg list locale map mdspan memory memory_resource mutex new numbers numeric optional ostream print
queue random ranges ratio rcu regex scoped_allocator semaphore set shared_mutex source_location span spanstream
sstream stack stacktrace stdexcept stdfloat stop_token streambuf string string_view strstream syncstream
system_error text_encoding thread tuple type_traits typeindex typeinfo unordered_map unordered_set utility
valarray variant vector version
math.h complex.h fenv.h tgmath.h stdatomic.h"

# --list <group>: print a list (test/special/libc_leaks.sh reads them).
if [ "${1:-}" = --list ]; then
    eval "echo \$$2" | tr ' ' '\n' | grep -v '^$'
    exit 0
fi

write() { # <header> <extra before> <extra after>
    local h=$1 up=""
    local d
    d=$(dirname "$h")
    [ "$d" != . ] && up=$(echo "$d" | sed 's|[^/]*|..|g')/
    mkdir -p "$inc/$d"
    {
        printf '/* ws2posix: pass-through wrapper for <%s> (see ws2p/libc_begin.h). */\n' "$h"
        printf '#pragma GCC system_header\n'
        printf '#include "%sws2p/libc_begin.h"\n' "$up"
        [ -n "$2" ] && printf '%s\n' "$2"
        printf '#include_next <%s>\n' "$h"
        [ -n "$3" ] && printf '%s\n' "$3"
        printf '#include "%sws2p/libc_end.h"\n' "$up"
    } >"$inc/$h"
}

# In a Windows file (C), <stdlib.h>, <string.h> and <stdio.h> are read
# without glibc's extras that Windows' headers lack (ws2p/libc_misc_begin.h).
hide_begin='#include "ws2p/libc_misc_begin.h"'
hide_end='#include "ws2p/libc_misc_end.h"'

mixed='#ifdef WS2P_BASE_H
#error "ws2posix: a POSIX socket header (<sys/socket.h>, <netinet/in.h>, <arpa/inet.h>, <netdb.h>, <poll.h> or <sys/ioctl.h>) was included after the Windows socket headers. Both define AF_INET6, SOL_SOCKET, POLLIN, FIONBIO, struct sockaddr, socket() and friends with different values and types; a file must use one API or the other. Move POSIX socket code into its own source file."
#endif'
for h in $posix_sockets; do
    write "$h" "$mixed" ""
done
for h in $renames $crt $cxx; do
    case "$h" in
    stdlib.h) write "$h" "$hide_begin" "$hide_end
#include \"ws2p/alloca.h\"" ;;
    string.h) write "$h" "$hide_begin" "$hide_end" ;;
    stdio.h) write "$h" "#define WS2P_HIDE_XOPEN2K8
$hide_begin" "$hide_end" ;;
    *) write "$h" "" "" ;;
    esac
done
echo "wrote $(echo $posix_sockets $renames $crt $cxx | wc -w) wrappers under $inc"
