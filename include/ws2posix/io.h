/* ws2posix: io.h - the MSVC runtime's descriptor functions, declared in
 * ws2p/crt.h (the one home of the runtime's names). */
#ifndef _INC_IO
#define _INC_IO
#include "ws2p/crt.h"
#endif
