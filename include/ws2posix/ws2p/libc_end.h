/* ws2posix: the second half of a libc pass-through wrapper (libc_begin.h). */
#ifdef _WINSOCK2API_
#undef FD_SET
#undef FD_CLR
#undef FD_ISSET
#undef FD_ZERO
#undef FD_SETSIZE
#undef timerisset
#undef timercmp
#undef timerclear
#pragma pop_macro("FD_SET")
#pragma pop_macro("FD_CLR")
#pragma pop_macro("FD_ISSET")
#pragma pop_macro("FD_ZERO")
#pragma pop_macro("FD_SETSIZE")
#pragma pop_macro("timerisset")
#pragma pop_macro("timercmp")
#pragma pop_macro("timerclear")
#endif
#undef select
#undef gethostname
#pragma pop_macro("timeval")
#pragma pop_macro("fd_set")
#pragma pop_macro("socklen_t")
#pragma pop_macro("select")
#pragma pop_macro("gethostname")
#pragma pop_macro("gettimeofday")
#undef min
#undef max
#pragma pop_macro("min")
#pragma pop_macro("max")
#ifdef __cplusplus
#undef _WIN32
#undef _WIN64
#pragma pop_macro("_WIN32")
#pragma pop_macro("_WIN64")
#endif

/* In Windows mode, the MSVC runtime names of the headers read so far and
 * the Windows declarations that need both sides (gettimeofday for Windows'
 * timeval). */
#ifdef WS2P_LIBC_OUTER
#undef WS2P_LIBC_INSIDE
#if defined(WS2P_BASE_H) || defined(_WIN32)
#include "crt.h"
#endif
#ifdef WS2P_WINSOCK2_DONE
#include "libc_win.h"
#endif
#endif
#pragma pop_macro("WS2P_LIBC_OUTER")
