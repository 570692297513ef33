/*
 * ws2posix: the first half of a libc pass-through wrapper (see base.h).
 * Every wrapper in include/ws2posix/ named like a glibc header is
 *
 *     #include "ws2p/libc_begin.h"
 *     #include_next <the header>
 *     #include "ws2p/libc_end.h"
 *
 * and so has no include guard of its own (glibc's does the guarding).  The
 * two halves suspend our renaming macros while glibc's text is parsed, so
 * glibc's prototypes keep glibc's types, and restore them after.  They
 * nest: a wrapped header may include another wrapped header.
 *
 * A wrapped header is one that mentions a renamed name (timeval, fd_set,
 * socklen_t, select, gethostname, gettimeofday) or defines a macro the
 * Windows headers define differently (FD_SET & co., timerisset & co.), or
 * whose MSVC runtime names live in ws2p/crt.h (stdio.h, string.h, ...).
 * test/special/libc_leaks.sh checks every glibc header against this list.
 */
/* Only the outermost wrapper adds the Windows declarations at its end:
 * inside a nested one, the renaming macros are still suspended. */
#pragma push_macro("WS2P_LIBC_OUTER")
#ifdef WS2P_LIBC_INSIDE
#undef WS2P_LIBC_OUTER
#else
#define WS2P_LIBC_OUTER
#define WS2P_LIBC_INSIDE
#endif

#pragma push_macro("timeval")
#pragma push_macro("fd_set")
#pragma push_macro("socklen_t")
#pragma push_macro("select")
#pragma push_macro("gethostname")
#pragma push_macro("gettimeofday")
#undef timeval
#undef fd_set
#undef socklen_t
#undef select
#undef gethostname
#undef gettimeofday
/* In C, where winsock2.h declared select()/gethostname() under their own
 * names, glibc's declarations (other types) get other names. */
#ifdef WS2P_SELECT_IS_OURS
#define select ws2p_libc_select
#endif
#ifdef WS2P_GETHOSTNAME_IS_OURS
#define gethostname ws2p_libc_gethostname
#endif

/* libstdc++ reads _WIN32 as "the target is Windows" (<filesystem> would
 * switch std::filesystem::path to wchar_t, which this libstdc++.so does not
 * have), and the Windows min/max macros break its templates.  MSVC's own
 * library is immune to both; here the C++ headers are shielded instead. */
#ifdef __cplusplus
#pragma push_macro("_WIN32")
#pragma push_macro("_WIN64")
#undef _WIN32
#undef _WIN64
#endif
#pragma push_macro("min")
#pragma push_macro("max")
#undef min
#undef max

/* Once winsock2.h has defined Windows' FD_* and timer macros, glibc's
 * <sys/select.h> and <sys/time.h> must not replace them.  (Before it, they
 * are glibc's and stay: a POSIX file needs them.) */
#ifdef _WINSOCK2API_
#pragma push_macro("FD_SET")
#pragma push_macro("FD_CLR")
#pragma push_macro("FD_ISSET")
#pragma push_macro("FD_ZERO")
#pragma push_macro("FD_SETSIZE")
#pragma push_macro("timerisset")
#pragma push_macro("timercmp")
#pragma push_macro("timerclear")
#undef FD_SET
#undef FD_CLR
#undef FD_ISSET
#undef FD_ZERO
#undef FD_SETSIZE
#undef timerisset
#undef timercmp
#undef timerclear
#elif defined(FD_SETSIZE) && !defined(_SYS_SELECT_H) && !defined(WS2P_FD_SETSIZE_SAVED)
/* A program may raise FD_SETSIZE before its first include, as Windows
 * allows; glibc's <sys/select.h> redefines it unconditionally.  Keep the
 * program's value on the macro stack for winsock2.h to take back. */
#pragma push_macro("FD_SETSIZE")
#define WS2P_FD_SETSIZE_SAVED
#endif
