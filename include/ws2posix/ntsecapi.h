/* ws2posix: ntsecapi.h - RtlGenRandom, which advapi32 exports as
 * SystemFunction036 (src/advapi32/crypt.c: the kernel's generator). */
#ifndef _NTSECAPI_
#define _NTSECAPI_
#include "windef.h"

WS2P_BEGIN_DECLS
#define RtlGenRandom SystemFunction036
BOOLEAN WINAPI SystemFunction036(PVOID RandomBuffer, ULONG RandomBufferLength);
WS2P_END_DECLS
#endif
