/* The Microsoft C runtime names (src/msvcrt/, declared in
 * include/ws2posix/ws2p/crt.h).  Their error channel is errno; the Win32
 * last error is left alone, as the UCRT leaves it.  Every call has the one
 * shape, with the CRT exit instead of WS_EXIT:
 *
 *     struct ws_call c = WS_CRT_CALL("_open");
 *     if (!path) ws_crt_invalid(&c, EINVAL);         handler, errno, trace
 *     else if (open(...) < 0) ws_crt_fail(&c, "open", errno);
 *     return CRT_EXIT(&c, ret, "path=%s", ...);
 */
#ifndef WS2P_MSVCRT_H
#define WS2P_MSVCRT_H
#include "core.h"
#include <stdarg.h>
#include <stdio.h>
#include <wchar.h>

#define WS_CRT_CALL(name) {name, 0, 0, NULL, WS_API_CRT}

/* Parameter validation: the program's invalid parameter handler runs (if it
 * set one), then the function goes on to return its documented error with
 * errno set to e. */
void ws_crt_invalid(struct ws_call *c, int e);
/* A failure with errno e (from the system call sys, or a Windows rule). */
static inline void ws_crt_fail(struct ws_call *c, const char *sys, int e)
{
    c->sys = sys;
    c->sys_errno = e;
    errno = e;
}
/* Trace and return; errno is what the call left it. */
#define CRT_EXIT(c, ret, ...) \
    (ws_unlikely(ws_trace_on) ? ws_trace((c), (long long)(ret), __VA_ARGS__) : (void)0, (ret))

/* ---- MSVC printf formats (src/msvcrt/format.c) ------------------------- */
/* A translated format: the caller's own when nothing needed changing, else
 * one in buf (or on the heap for long formats; ws_fmt_done frees it). */
#define WS_FMT_STACK 512
struct ws_fmt {
    const void *out;
    void *heap;
    _Alignas(wchar_t) char buf[WS_FMT_STACK];
};
/* MSVC format -> glibc format; false (errno ENOMEM) if a long format found
 * no memory.  wide: the wprintf family (%s is a wide string there). */
bool ws_fmt_narrow(struct ws_fmt *f, const char *fmt);
bool ws_fmt_wide(struct ws_fmt *f, const wchar_t *fmt);
void ws_fmt_done(struct ws_fmt *f);

/* The MSVC-semantics cores the exported forms share (src/msvcrt/stdio.c). */
int ws_crt_vsnprintf(struct ws_call *c, char *buf, size_t count, const char *fmt, va_list ap);
int ws_crt_vsnwprintf(struct ws_call *c, wchar_t *buf, size_t count, const wchar_t *fmt, va_list ap);

/* ---- file descriptors (src/msvcrt/io.c) -------------------------------- */
/* Is fd open?  (EBADF for the caller otherwise.) */
bool ws_crt_fd_ok(int fd);

/* ---- wide paths -------------------------------------------------------- */
/* A wide path (UTF-32 here) as UTF-8 for the kernel, malloc'd; NULL with
 * errno ENOMEM or EILSEQ. */
char *ws_crt_path(const wchar_t *w);
#endif
