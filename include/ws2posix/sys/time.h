/* ws2posix: pass-through wrapper for <sys/time.h> (see ws2p/libc_begin.h). */
#pragma GCC system_header
#include "../ws2p/libc_begin.h"
#include_next <sys/time.h>
#include "../ws2p/libc_end.h"
