/* ws2posix: io.h - the MSVC runtime's bridge between its descriptors and
 * Win32 HANDLEs (src/msvcrt/osfhandle.c).  A runtime descriptor is the
 * kernel's here. */
#ifndef _INC_IO
#define _INC_IO
#include <stdint.h>
#include "ws2p/base.h"

WS2P_BEGIN_DECLS
/* The HANDLE behind a descriptor (the standard handles for 0, 1 and 2), or
 * -1 with errno EBADF. */
intptr_t _get_osfhandle(int fd);
/* A descriptor for a file, pipe or socket HANDLE (the handle stays the
 * one _get_osfhandle gives back), or -1 with errno EBADF. */
int _open_osfhandle(intptr_t osfhandle, int flags);
WS2P_END_DECLS
#endif
