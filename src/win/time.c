/* Sleep and the tick counters. */
#include "core.h"
#include <sched.h>
#include <time.h>

WS2P_EXPORT void Sleep(DWORD ms)
{
    if (ms == 0) {
        sched_yield();
        return;
    }
    struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
    if (ms == (DWORD)WS_INFINITE)
        for (;;)
            nanosleep(&ts, NULL);
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

WS2P_EXPORT ULONGLONG GetTickCount64(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (ULONGLONG)ts.tv_sec * 1000 + (ULONGLONG)ts.tv_nsec / 1000000;
}

WS2P_EXPORT DWORD GetTickCount(void)
{
    return (DWORD)GetTickCount64();
}
