/* ws2posix: pass-through wrapper for <sys/wait.h> (see ws2p/libc_begin.h). */
#pragma GCC system_header
#include "../ws2p/libc_begin.h"
#include_next <sys/wait.h>
#include "../ws2p/libc_end.h"
