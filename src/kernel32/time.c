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

/* 10 MHz, the frequency modern Windows reports: programs compute
 * count * 1000000 / frequency, which a 1 GHz counter would overflow after
 * about 2.5 hours of uptime (10 MHz: about 10 days, as on Windows). */
#define QPC_FREQUENCY 10000000LL

WS2P_EXPORT BOOL QueryPerformanceCounter(LARGE_INTEGER *count)
{
    struct timespec ts;
    if (!count) {
        ws_last_error = ERROR_NOACCESS;
        return 0;
    }
    clock_gettime(CLOCK_MONOTONIC, &ts);
    count->QuadPart = (LONGLONG)ts.tv_sec * QPC_FREQUENCY + ts.tv_nsec / (1000000000 / QPC_FREQUENCY);
    return 1;
}

WS2P_EXPORT BOOL QueryPerformanceFrequency(LARGE_INTEGER *freq)
{
    if (!freq) {
        ws_last_error = ERROR_NOACCESS;
        return 0;
    }
    freq->QuadPart = QPC_FREQUENCY;
    return 1;
}
