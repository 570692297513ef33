/*
 * ws2posix: the Microsoft C runtime names (_snprintf, _stricmp, _strdup,
 * _open, rand_s, ...) - the one place where their declarations go.
 *
 * On Windows a program gets _snprintf from <stdio.h> and _stricmp from
 * <string.h>: the MSVC runtime declares them in the standard C headers.
 * Here those headers are glibc's, and a POSIX file compiled with the same
 * -I flags must not see non-reserved names like stricmp or kbhit.  So the
 * names appear only in "Windows mode" - a Windows header of ours has been
 * included (WS2P_BASE_H) or the file is compiled with -D_WIN32 (the
 * project's own platform selector) - and only once the C header Windows
 * declares them in has been included, in either order:
 *
 *   - This file has no include guard.  It is made of sections, one per C
 *     header, each guarded by glibc's include guard of that header (_STDIO_H,
 *     _STRING_H, _STDLIB_H, _WCHAR_H, _TIME_H, _SYS_STAT_H, ...) and by a
 *     once-macro of its own (WS2P_CRT_<HEADER>_).
 *   - It is included at the end of windows.h (so libc headers included
 *     before the Windows ones get their section then) and at the end of every
 *     libc pass-through wrapper in include/ws2posix/ (stdio.h, string.h,
 *     stdlib.h, ...; see ws2p/libc_begin.h) when in Windows mode (so libc
 *     headers included after the Windows ones get it then).  A section that
 *     needs a libc header without a wrapper yet gets one: a wrapper is
 *     three lines (libc_begin.h, #include_next, libc_end.h).
 *   - C++: <cstdio>, <cstring>, ... reach glibc's headers through
 *     libstdc++'s #include_next, bypassing a stdio.h wrapper; wrappers for
 *     the <c...> spellings end the same way.
 *
 * The MSVC-only headers (<io.h>, <direct.h>, <conio.h>, <malloc.h>,
 * <sys/locking.h>) are ordinary headers of ours that declare their names
 * directly; glibc also has <malloc.h>, so ours must #include_next it.
 *
 * Declarations only of functions the library defines (a declared but
 * undefined function turns a compile error into a link error).  Names glibc
 * also exports are bound to ws2p_ symbols (WS2P_SYM) so linking us never
 * replaces libc's.
 */
#include "base.h"

/* Each section: its once-macro, any header it needs, then WS2P_BEGIN_DECLS
 * ... WS2P_END_DECLS around its declarations (C++ headers must not be
 * included inside extern "C"). */

/* ---- <stdio.h>: _snprintf, _vsnprintf, _vscprintf, _fileno, _popen, ... */
#if defined(_STDIO_H) && !defined(WS2P_CRT_STDIO_)
#define WS2P_CRT_STDIO_
#endif

/* ---- <string.h>: _stricmp, stricmp, strcmpi, _strnicmp, _strdup, ... */
#if defined(_STRING_H) && !defined(WS2P_CRT_STRING_)
#define WS2P_CRT_STRING_
/* MSVC's <string.h> also declares the wide-string functions (wcslen,
 * wcscmp, wcscpy, ...), which glibc keeps in <wchar.h>. */
#include <wchar.h>
#endif

/* ---- <stdlib.h>: _itoa, _ltoa, _ultoa, _i64toa, _atoi64, _strtoi64, rand_s */
#if defined(_STDLIB_H) && !defined(WS2P_CRT_STDLIB_)
#define WS2P_CRT_STDLIB_
#endif
