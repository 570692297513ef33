/* The library's own calls into libc, bound to libc itself.
 *
 * A Windows program may define functions that carry libc's names - poll()
 * over WSAPoll, sched_yield() over SwitchToThread, close() over
 * closesocket, nanosleep() over Sleep, getpid() over _getpid - because on
 * Windows they are its own names.  On Windows a program's function never
 * replaces one a DLL calls inside itself; on Linux the dynamic linker binds
 * the library's calls to the program's definition first, and a program's
 * poll() calling WSAPoll, which calls poll(), recurses until the stack runs
 * out.  So the library calls these through the names glibc exports for its
 * own use (__poll, __close, ...: the same functions, public symbols since
 * glibc 2.2), which no program defines.  clock_gettime (a program's own
 * over QueryPerformanceCounter), socketpair, inet_ntop and inet_pton (XP
 * code defines its own), which have no such names, are looked up in libc
 * once (src/core/libc.c) and called through a pointer.
 *
 * The sanitizers intercept the public names; these calls go past their
 * interceptors, which check less there but order nothing the library
 * relies on (read and write, which ThreadSanitizer orders eventfds by,
 * keep their public names). */
#ifndef WS2P_LIBC_H
#define WS2P_LIBC_H
#pragma redefine_extname poll __poll
#pragma redefine_extname nanosleep __nanosleep
#pragma redefine_extname sched_yield __sched_yield
#pragma redefine_extname close __close
#pragma redefine_extname getpid __getpid
#pragma redefine_extname strdup __strdup

#include <sys/socket.h>
#include <time.h>
extern int (*ws_libc_clock_gettime)(clockid_t, struct timespec *) __attribute__((visibility("hidden")));
extern int (*ws_libc_socketpair)(int, int, int, int[2]) __attribute__((visibility("hidden")));
#ifndef WS2P_LIBC_SELF
#define clock_gettime(id, ts) ws_libc_clock_gettime(id, ts)
#define socketpair(d, t, p, sv) ws_libc_socketpair(d, t, p, sv)
#endif
#endif
