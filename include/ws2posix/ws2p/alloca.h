/* ws2posix: alloca and _alloca in a Windows file, from <stdlib.h> (as
 * MinGW's, which includes <malloc.h>) and <malloc.h> (as MSVC's).  In C,
 * glibc's <stdlib.h> gives alloca only with the __USE_MISC extras a Windows
 * file is read without (ws2p/libc_misc_begin.h). */
#if (defined(WS2P_BASE_H) || defined(_WIN32)) && !defined(WS2P_ALLOCA_H)
#define WS2P_ALLOCA_H
#include <alloca.h>
#ifndef _alloca
#define _alloca(size) __builtin_alloca(size)
#endif
#ifndef _ALLOCA_S_THRESHOLD
#define _ALLOCA_S_THRESHOLD 1024
#endif
#endif
