/* ws2posix: the multimedia system header, as far as this library goes:
 * winmm's timer services (timeapi.h). */
#ifndef _INC_MMSYSTEM
#define _INC_MMSYSTEM
#define WS2P_MMSYSTEM_H
#include "ws2p/wintypes.h"
#ifndef MMSYSERR_BASE
#define MMSYSERR_BASE 0
#define MMSYSERR_NOERROR 0
#define MMSYSERR_ERROR (MMSYSERR_BASE + 1)
#define MMSYSERR_INVALPARAM (MMSYSERR_BASE + 11)
#endif
#include "timeapi.h"
#endif
