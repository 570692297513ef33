/* ws2posix: <malloc.h> - glibc's, plus in a Windows file the MSVC
 * runtime's _alloca and alloca (ws2p/alloca.h). */
#pragma GCC system_header
#include "ws2p/libc_begin.h"
#include_next <malloc.h>
#include "ws2p/libc_end.h"
#include "ws2p/alloca.h"
