/* winmm's timer services (Wine's dlls/winmm/tests/timer.c): timeGetDevCaps
 * and its failures, timeBeginPeriod/timeEndPeriod in and out of range,
 * timeGetTime counting milliseconds with the tick count. */
#define WT_NO_STARTUP
#include "wstest.h"
#include <mmsystem.h>

WT_CASE(dev_caps)
{
    TIMECAPS tc;
    MMRESULT r = timeGetDevCaps(&tc, 0);
    ok(r == TIMERR_NOCANDO || r == MMSYSERR_INVALPARAM, "size 0: %u", r);
    r = timeGetDevCaps(NULL, sizeof tc);
    ok(r == TIMERR_NOCANDO || r == TIMERR_STRUCT, "NULL: %u", r);
    r = timeGetDevCaps(NULL, 0);
    ok(r == TIMERR_NOCANDO || r == MMSYSERR_INVALPARAM, "NULL, 0: %u", r);
    memset(&tc, 0, sizeof tc);
    expect_w32(timeGetDevCaps(&tc, sizeof tc), TIMERR_NOERROR, W32_SENTINEL);
    ok(tc.wPeriodMin >= 1 && tc.wPeriodMin <= 16 && tc.wPeriodMax >= 1000, "periods %u..%u", tc.wPeriodMin,
       tc.wPeriodMax);
}

WT_CASE(periods)
{
    TIMECAPS tc;
    timeGetDevCaps(&tc, sizeof tc);
    expect_w32(timeBeginPeriod(0), TIMERR_NOCANDO, W32_SENTINEL);
    expect_w32(timeEndPeriod(0), TIMERR_NOCANDO, W32_SENTINEL);
    expect_w32(timeBeginPeriod(tc.wPeriodMin), TIMERR_NOERROR, W32_SENTINEL);
    expect_w32(timeBeginPeriod(10), TIMERR_NOERROR, W32_SENTINEL);
    /* With 1 ms asked for, a 1 ms sleep is not a 15 ms one (the shortest
     * of 20, so that a loaded machine does not decide). */
    DWORD best = 0xffffffff;
    for (int i = 0; i < 20; i++) {
        DWORD t0 = timeGetTime();
        Sleep(1);
        DWORD d = timeGetTime() - t0;
        best = d < best ? d : best;
    }
    ok(best >= 1 && best < 10, "the shortest 1 ms sleep took %lu ms", (unsigned long)best);
    expect_w32(timeEndPeriod(10), TIMERR_NOERROR, W32_SENTINEL);
    expect_w32(timeEndPeriod(tc.wPeriodMin), TIMERR_NOERROR, W32_SENTINEL);
    if (tc.wPeriodMax < 0xffffffffu)
        expect_w32(timeBeginPeriod(tc.wPeriodMax + 1), TIMERR_NOCANDO, W32_SENTINEL);
}

WT_CASE(time_get_time)
{
    DWORD a = timeGetTime(), tick = GetTickCount();
    ok((DWORD)(a - tick + 1000) <= 2000, "the same clock as GetTickCount (%lu, %lu)", (unsigned long)a,
       (unsigned long)tick);
    Sleep(100);
    DWORD d = timeGetTime() - a;
    ok(d >= 95 && d < 1000, "100 ms later: %lu", (unsigned long)d);
}

WT_MAIN(dev_caps, periods, time_get_time)
