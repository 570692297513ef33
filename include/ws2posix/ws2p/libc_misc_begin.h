/* ws2posix: used by the <stdlib.h> and <string.h> wrappers only.  In a
 * Windows file (C; C++ gets glibc's full view through libstdc++ anyway) the
 * first reading of the header is done without glibc's __USE_MISC extras,
 * which Windows' C headers do not have: <stdlib.h> then pulls in no
 * <sys/types.h> (pthread_t, ssize_t, struct timespec, u_quad_t, ...) and
 * <string.h> no <strings.h> (index, rindex, bzero, ...) - names a Windows
 * program may define itself.  A program that includes <sys/types.h> or
 * <strings.h> still gets them. */
#if (defined(WS2P_BASE_H) || defined(_WIN32)) && !defined(__cplusplus) && !defined(WS2P_MISC_HIDDEN)
#include <features.h>
#ifdef __USE_MISC
#pragma push_macro("__USE_MISC")
#undef __USE_MISC
#define WS2P_MISC_HIDDEN
#endif
#endif
