/* gettimeofday for Windows' struct timeval (two 32-bit longs), as MinGW's
 * runtime provides it in <sys/time.h>.  Programs reach it under the name
 * gettimeofday (ws2p/libc_win.h); glibc's writes a 16-byte struct and would
 * overrun the program's 8.  A C runtime function: it sets errno, never the
 * Win32 last error. */
#include "core.h"
#include <time.h>

WS2P_EXPORT int ws2p_gettimeofday(struct WS_timeval *tv, void *tz)
{
    struct ws_call c = WS_CALL("gettimeofday");
    struct timespec ts;
    int ret = -1;
    (void)tz; /* MinGW ignores the time zone too */
    if (!tv) {
        c.sys_errno = errno = EFAULT;
    } else {
        clock_gettime(CLOCK_REALTIME, &ts);
        /* LONG seconds run out in 2038, as they do on Windows. */
        tv->tv_sec = (LONG)ts.tv_sec;
        tv->tv_usec = (LONG)(ts.tv_nsec / 1000);
        ret = 0;
    }
    if (ws_unlikely(ws_trace_on))
        ws_trace(&c, ret, "tv=%p, tz=%p", (void *)tv, tz);
    return ret;
}
