/* ws2posix: io.h - the MSVC runtime's <io.h>.  Its names are declared
 * with the rest of the runtime's in ws2p/crt.h (src/msvcrt/). */
#ifndef _INC_IO
#define _INC_IO
#include "ws2p/base.h"
#include "ws2p/crt.h"
#endif
