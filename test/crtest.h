/*
 * Helpers for the tests of the Microsoft C runtime names (test/msvcrt_*.c),
 * in Wine's msvcrt-test idiom: errno is set to a sentinel before the call;
 * the return value, errno and whether the invalid parameter handler ran are
 * all checked.  A handler is installed, as Wine's tests do, so that the
 * invalid-parameter cases also run on Windows, whose default handler ends
 * the process.
 *
 *   expect_crt(call, ret, errno, handler_calls)
 */
#ifndef CRTEST_H
#define CRTEST_H
#define WT_NO_STARTUP
#define _CRT_RAND_S
#include "wstest.h"
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <wchar.h>
#ifdef __WS2POSIX__
/* Our <windows.h> brings them (ws2p/crt.h); <io.h>, <direct.h>, <conio.h>
 * forward there once the headers issue lands them. */
#include <ws2p/crt.h>
#else
#include <conio.h>
#include <direct.h>
#include <io.h>
#include <process.h>
#endif

static int wt_invalid_calls;
static __inline void __cdecl wt_invalid_handler(const wchar_t *expression, const wchar_t *function,
                                                const wchar_t *file, unsigned int line, uintptr_t reserved)
{
    /* Release builds pass no details (Wine: test_invalid_parameter_handler). */
    ok(!expression && !function && !file && !line && !reserved, "handler arguments");
    wt_invalid_calls++;
}
__attribute__((constructor)) static void wt_crt_setup(void)
{
    _set_invalid_parameter_handler(wt_invalid_handler);
}

#define expect_crt(call, want_ret, want_errno, want_calls)                                                    \
    do {                                                                                                      \
        int calls_ = wt_invalid_calls;                                                                        \
        errno = SENTINEL;                                                                                     \
        long long r_ = (long long)(call);                                                                     \
        int e_ = errno;                                                                                       \
        ok(r_ == (long long)(want_ret) && e_ == (want_errno) && wt_invalid_calls - calls_ == (want_calls),    \
           "%s: returned %lld (want %lld), errno %d (want %d), handler ran %d times (want %d)", #call, r_,     \
           (long long)(want_ret), e_, (int)(want_errno), wt_invalid_calls - calls_, (int)(want_calls));       \
    } while (0)
/* Success: errno untouched, no handler. */
#define expect_crt_ok(call, want_ret) expect_crt(call, want_ret, SENTINEL, 0)
#endif
