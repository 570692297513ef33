/* Coarse seconds for connection ages (SO_CONNECT_TIME): the vDSO's coarse
 * monotonic clock, no system call. */
#include "core.h"
#include <time.h>

uint32_t ws_now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
    return (uint32_t)ts.tv_sec;
}

long long ws_now_coarse_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts); /* vDSO: no system call */
    return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}
