/* winmm's timer services: timeGetTime, timeBeginPeriod, timeEndPeriod,
 * timeGetDevCaps.  Linux timers already have the resolution that
 * timeBeginPeriod asks Windows for (waits and sleeps wake within about a
 * millisecond), so the periods are checked and have nothing to change. */
#include "core.h"
#include <time.h>

#define TIMERR_NOERROR_ 0u
#define TIMERR_NOCANDO_ 97u /* TIMERR_BASE + 1 */
#define PERIOD_MIN 1u
#define PERIOD_MAX 1000000u

struct WS_TIMECAPS {
    UINT wPeriodMin, wPeriodMax;
};

/* Milliseconds since the system started, wrapping at 2^32 (about 49.7
 * days) as Windows' does. */
WS2P_EXPORT DWORD timeGetTime(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    DWORD ms = (DWORD)((uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u);
    WS_TRACE_ONLY("timeGetTime", ms, "");
    return ms;
}

static UINT period(const char *fn, UINT p)
{
    struct ws_call c = WS_CALL32(fn);
    UINT r = p < PERIOD_MIN || p > PERIOD_MAX ? TIMERR_NOCANDO_ : TIMERR_NOERROR_;
    return WS_EXIT32(&c, r, "period=%u", p);
}

WS2P_EXPORT UINT timeBeginPeriod(UINT p)
{
    return period("timeBeginPeriod", p);
}

WS2P_EXPORT UINT timeEndPeriod(UINT p)
{
    return period("timeEndPeriod", p);
}

/* A NULL structure or a size short of TIMECAPS is TIMERR_NOCANDO (Wine's
 * tests accept it, with the TIMERR_STRUCT / MMSYSERR_INVALPARAM some
 * versions give). */
WS2P_EXPORT UINT timeGetDevCaps(struct WS_TIMECAPS *tc, UINT size)
{
    struct ws_call c = WS_CALL32("timeGetDevCaps");
    UINT r = TIMERR_NOCANDO_;
    if (!ws_bad_ptr(tc) && size >= sizeof *tc) {
        tc->wPeriodMin = PERIOD_MIN;
        tc->wPeriodMax = PERIOD_MAX;
        r = TIMERR_NOERROR_;
    }
    return WS_EXIT32(&c, r, "size=%u", size);
}
