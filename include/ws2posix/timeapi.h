/* ws2posix: timeapi.h - winmm's timer services (src/winmm/time.c).  Link
 * with -lwinmm or this library: the same one. */
#ifndef _TIMERAPI_H_
#define _TIMERAPI_H_
#include "windef.h"

typedef UINT MMRESULT;
typedef UINT MMVERSION;

#define MMSYSERR_BASE 0
#define TIMERR_BASE 96
#define MMSYSERR_NOERROR 0
#define MMSYSERR_ERROR (MMSYSERR_BASE + 1)
#define MMSYSERR_BADDEVICEID (MMSYSERR_BASE + 2)
#define MMSYSERR_NOTENABLED (MMSYSERR_BASE + 3)
#define MMSYSERR_ALLOCATED (MMSYSERR_BASE + 4)
#define MMSYSERR_INVALHANDLE (MMSYSERR_BASE + 5)
#define MMSYSERR_NODRIVER (MMSYSERR_BASE + 6)
#define MMSYSERR_NOMEM (MMSYSERR_BASE + 7)
#define MMSYSERR_NOTSUPPORTED (MMSYSERR_BASE + 8)
#define MMSYSERR_BADERRNUM (MMSYSERR_BASE + 9)
#define MMSYSERR_INVALFLAG (MMSYSERR_BASE + 10)
#define MMSYSERR_INVALPARAM (MMSYSERR_BASE + 11)
#define TIMERR_NOERROR (0)
#define TIMERR_NOCANDO (TIMERR_BASE + 1)
#define TIMERR_STRUCT (TIMERR_BASE + 33)

typedef struct timecaps_tag {
    UINT wPeriodMin;
    UINT wPeriodMax;
} TIMECAPS, *PTIMECAPS, *NPTIMECAPS, *LPTIMECAPS;

WS2P_BEGIN_DECLS
#ifndef WINMMAPI
#define WINMMAPI
#endif
/* Milliseconds since the system started (32 bits: it wraps). */
WINMMAPI DWORD WINAPI timeGetTime(void);
/* Periods 1 .. 1000000 ms are accepted; Linux timers need no change. */
WINMMAPI MMRESULT WINAPI timeBeginPeriod(UINT uPeriod);
WINMMAPI MMRESULT WINAPI timeEndPeriod(UINT uPeriod);
WINMMAPI MMRESULT WINAPI timeGetDevCaps(LPTIMECAPS ptc, UINT cbtc);
WS2P_END_DECLS

#endif
