/* ws2posix: used by the <stdlib.h>, <string.h> and <stdio.h> wrappers.  In
 * a Windows file (C; C++ gets glibc's full view through libstdc++ anyway)
 * the first reading of these headers leaves out glibc's extras that
 * Windows' C headers do not have: __USE_MISC (so <stdlib.h> pulls in no
 * <sys/types.h> - pthread_t, ssize_t, struct timespec, ... - and <string.h>
 * no <strings.h> - index, rindex, bzero, ...) and, for <stdio.h> (the
 * wrapper defines WS2P_HIDE_XOPEN2K8), POSIX 2008's ssize_t, getline and
 * dprintf.  These are names a Windows program may define itself; one that
 * includes <sys/types.h> or <strings.h> still gets them. */
#if (defined(WS2P_BASE_H) || defined(_WIN32)) && !defined(__cplusplus) && !defined(WS2P_MISC_HIDDEN) && \
    !defined(WS2P_XOPEN2K8_HIDDEN)
#include <features.h>
#ifdef __USE_MISC
#pragma push_macro("__USE_MISC")
#undef __USE_MISC
#define WS2P_MISC_HIDDEN
#endif
#if defined(WS2P_HIDE_XOPEN2K8) && defined(__USE_XOPEN2K8)
#pragma push_macro("__USE_XOPEN2K8")
#undef __USE_XOPEN2K8
#define WS2P_XOPEN2K8_HIDDEN
#endif
#endif
#undef WS2P_HIDE_XOPEN2K8
