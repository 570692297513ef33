/* ws2posix: pass-through wrapper for <stdio.h> (see ws2p/libc_begin.h). */
#pragma GCC system_header
#include "ws2p/libc_begin.h"
#define WS2P_HIDE_XOPEN2K8
#include "ws2p/libc_misc_begin.h"
#include_next <stdio.h>
#include "ws2p/libc_misc_end.h"
#include "ws2p/libc_end.h"
