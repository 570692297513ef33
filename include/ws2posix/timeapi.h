/* ws2posix: winmm's timer services (timeapi.h; src/winmm/time.c).  Link
 * with -lwinmm or this library: the same one. */
#ifndef _TIMERAPI_H_
#define _TIMERAPI_H_
#define WS2P_TIMEAPI_H
#include "ws2p/wintypes.h"

WS2P_BEGIN_DECLS

#ifndef WINMMAPI
#define WINMMAPI
#endif
typedef UINT MMRESULT;
#define TIMERR_BASE 96
#define TIMERR_NOERROR 0
#define TIMERR_NOCANDO (TIMERR_BASE + 1)
#define TIMERR_STRUCT (TIMERR_BASE + 33)
typedef struct timecaps_tag {
    UINT wPeriodMin;
    UINT wPeriodMax;
} TIMECAPS, *PTIMECAPS, *NPTIMECAPS, *LPTIMECAPS;

/* Milliseconds since the system started (32 bits: it wraps). */
WINMMAPI DWORD WINAPI timeGetTime(void);
/* Periods 1 .. 1000000 ms are accepted; Linux timers need no change. */
WINMMAPI MMRESULT WINAPI timeBeginPeriod(UINT uPeriod);
WINMMAPI MMRESULT WINAPI timeEndPeriod(UINT uPeriod);
WINMMAPI MMRESULT WINAPI timeGetDevCaps(LPTIMECAPS ptc, UINT cbtc);

WS2P_END_DECLS
#endif
