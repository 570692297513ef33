/* ws2posix: pass-through wrapper for <string.h> (see ws2p/libc_begin.h). */
#pragma GCC system_header
#include "ws2p/libc_begin.h"
#include "ws2p/libc_misc_begin.h"
#include_next <string.h>
#include "ws2p/libc_misc_end.h"
#include "ws2p/libc_end.h"
