/*
 * ws2posix: Windows declarations that need a glibc header and winsock2.h
 * both, reached from winsock2.h (for glibc headers included before it) and
 * from libc_end.h (for those included after).  No include guard: each
 * section has its own once-macro.
 */

/* <sys/time.h>: MinGW's gettimeofday fills Windows' timeval (two 32-bit
 * longs).  glibc's would write its 16-byte struct into the program's 8
 * bytes, so the program's calls reach ws2p_gettimeofday; glibc's own
 * prototype keeps glibc's type (libc_begin.h). */
#if defined(_SYS_TIME_H) && !defined(WS2P_WIN_SYS_TIME_)
#define WS2P_WIN_SYS_TIME_
WS2P_BEGIN_DECLS
/* Seconds and microseconds since 1970 (UTC); tz is ignored (NULL or not),
 * as MinGW's.  Returns 0, or -1 with errno EFAULT for a NULL tv. */
int ws2p_gettimeofday(struct timeval *tv, void *tz);
WS2P_END_DECLS
#ifdef __cplusplus
WS2P_BEGIN_CXX
inline int gettimeofday(struct timeval *tv, void *tz)
{
    return ws2p_gettimeofday(tv, tz);
}
WS2P_END_CXX
#else
#define gettimeofday ws2p_gettimeofday
#endif
#endif
