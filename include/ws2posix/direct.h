/* ws2posix: direct.h - the MSVC runtime's <direct.h>.  Its names are declared
 * with the rest of the runtime's in ws2p/crt.h (src/msvcrt/). */
#ifndef _INC_DIRECT
#define _INC_DIRECT
#include "ws2p/base.h"
#include "ws2p/crt.h"
#endif
