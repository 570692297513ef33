/* ws2posix: <malloc.h> - glibc's, plus in a Windows file the MSVC
 * runtime's _alloca (and alloca, which MSVC's <malloc.h> declares). */
#pragma GCC system_header
#include "ws2p/libc_begin.h"
#include_next <malloc.h>
#include "ws2p/libc_end.h"
#if (defined(WS2P_BASE_H) || defined(_WIN32)) && !defined(WS2P_MALLOC_WIN_)
#define WS2P_MALLOC_WIN_
#include <alloca.h>
#ifndef _alloca
#define _alloca(size) __builtin_alloca(size)
#endif
#define _ALLOCA_S_THRESHOLD 1024
#endif
