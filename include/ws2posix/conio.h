/* ws2posix: conio.h - the MSVC runtime's <conio.h>.  Its names are declared
 * with the rest of the runtime's in ws2p/crt.h (src/msvcrt/). */
#ifndef _INC_CONIO
#define _INC_CONIO
#include "ws2p/base.h"
#include "ws2p/crt.h"
#endif
