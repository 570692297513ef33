/* ws2posix: pass-through wrapper for <fenv.h> (see ws2p/libc_begin.h). */
#pragma GCC system_header
#include "ws2p/libc_begin.h"
#include_next <fenv.h>
#include "ws2p/libc_end.h"
