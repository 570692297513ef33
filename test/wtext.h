/* Helpers for the tests of completion ports and the extension functions
 * (test/iocp.c, acceptex.c, connectex.c, transmitfile.c, wsamsg.c). */
#ifndef WTEXT_H
#define WTEXT_H
#include "wstest.h"
#include <mswsock.h>

#define W32_SENTINEL 0xdeadbeefu
#define STATUS_SUCCESS_ 0x00000000u
#define STATUS_PENDING_ 0x00000103u
#define STATUS_BUFFER_OVERFLOW_ 0x80000005u
#define STATUS_BUFFER_TOO_SMALL_ 0xC0000023u
#define STATUS_NOT_SUPPORTED_ 0xC00000BBu
#define STATUS_CANCELLED_ 0xC0000120u

/* An extension function through SIO_GET_EXTENSION_FUNCTION_POINTER. */
static __inline void *wt_ext(SOCKET s, GUID g)
{
    void *fn = NULL;
    DWORD n = 0;
    int r = WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &g, sizeof g, &fn, sizeof fn, &n, NULL, NULL);
    ok(r == 0 && fn && n == sizeof fn, "extension function: %d %s", r, wt_name(WSAGetLastError()));
    return fn;
}

/* Dequeue with every output preset to a sentinel. */
struct deq {
    BOOL ret;
    DWORD err, bytes;
    ULONG_PTR key;
    OVERLAPPED *ov;
};

static __inline struct deq dequeue(HANDLE port, DWORD ms)
{
    struct deq d;
    d.bytes = 0xdeadbeef;
    d.key = 0xdeadbeef;
    d.ov = (OVERLAPPED *)(ULONG_PTR)0xdeadbeef;
    SetLastError(W32_SENTINEL);
    d.ret = GetQueuedCompletionStatus(port, &d.bytes, &d.key, &d.ov, ms);
    d.err = GetLastError();
    return d;
}

static __inline void expect_timeout(HANDLE port, DWORD ms)
{
    struct deq d = dequeue(port, ms);
    ok(!d.ret && d.err == WAIT_TIMEOUT && !d.ov && d.key == 0xdeadbeef && d.bytes == 0xdeadbeef,
       "timeout: ret %d err %lu ov %p key %#lx bytes %#lx", d.ret, (unsigned long)d.err, (void *)d.ov,
       (unsigned long)d.key, (unsigned long)d.bytes);
}

/* GetOverlappedResult without waiting: its return, last error and count. */
struct ovres {
    BOOL ret;
    DWORD err, bytes;
};
static __inline struct ovres wt_result(SOCKET s, OVERLAPPED *ov)
{
    struct ovres r;
    r.bytes = 0xdeadbeef;
    SetLastError(W32_SENTINEL);
    r.ret = GetOverlappedResult((HANDLE)s, ov, &r.bytes, FALSE);
    r.err = GetLastError();
    return r;
}

/* A completion routine that records its arguments (wt_apc()->...). */
struct wt_apc_rec {
    int count;
    DWORD error, bytes, flags;
    OVERLAPPED *ov;
};
static __inline struct wt_apc_rec *wt_apc(void)
{
    static struct wt_apc_rec rec;
    return &rec;
}
static __inline void CALLBACK wt_apc_routine(DWORD error, DWORD bytes, OVERLAPPED *ov, DWORD flags)
{
    struct wt_apc_rec *r = wt_apc();
    r->count++;
    r->error = error;
    r->bytes = bytes;
    r->ov = ov;
    r->flags = flags;
}
#endif
