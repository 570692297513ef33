/* Overlapped I/O on handles: GetOverlappedResult(Ex), CancelIo, CancelIoEx.
 * The operations themselves live in the I/O engine (src/core/io.c); a
 * SOCKET is a HANDLE here as on Windows. */
#include "engine.h"
#include <sys/syscall.h>
#include <unistd.h>

/* The socket behind a handle (referenced), or NULL. */
static ws_sock *socket_of(HANDLE h)
{
    return ws_handle_is_socket(h) ? ws_sock_get((SOCKET)(uintptr_t)h) : NULL;
}

/* A live handle of any kind (the object referenced, *obj NULL for a
 * socket, whose *sk is referenced instead), or false. */
static bool live(HANDLE h, ws_sock **sk, ws_obj **obj)
{
    *obj = NULL;
    if ((*sk = socket_of(h)) != NULL)
        return true;
    return (*obj = ws_handle_get(h, 0)) != NULL;
}

static void drop(ws_sock *sk, ws_obj *o)
{
    if (sk)
        ws_sock_put(sk);
    if (o)
        ws_obj_unref(o);
}

/* The common body: 0 with *ret set, or a Win32 error.  Waits (ms, alertable)
 * on hEvent, or on the handle itself when there is none. */
static int overlapped_result(HANDLE h, WS_OVERLAPPED *ov, DWORD *bytes, DWORD ms, bool alertable, BOOL *ret)
{
    ws_sock *sk;
    ws_obj *o;
    if (ws_bad_ptr(ov) || ws_bad_ptr(bytes))
        return ERROR_NOACCESS;
    /* A finished operation's result is in the OVERLAPPED: the handle is not
     * looked at, and may be closed already (sock.c test_AcceptEx reads an
     * AcceptEx aborted by closing its listener through that listener). */
    uint32_t st = (uint32_t)__atomic_load_n(&ov->Internal, __ATOMIC_ACQUIRE);
    if (st == WS_STATUS_PENDING) {
        if (!live(h, &sk, &o))
            return ERROR_INVALID_HANDLE;
        if (sk) {
            ws_io_poll_sock(sk); /* a program polling instead of waiting */
            st = (uint32_t)__atomic_load_n(&ov->Internal, __ATOMIC_ACQUIRE);
        }
        drop(sk, o);
    }
    if (st == WS_STATUS_PENDING) {
        if (!ms)
            return ERROR_IO_INCOMPLETE;
        HANDLE ev = (HANDLE)((ULONG_PTR)ov->hEvent & ~(ULONG_PTR)1);
        DWORD w = ws_wait_handles(1, ev ? &ev : &h, 0, ms, alertable);
        if (w == (DWORD)WS_WAIT_FAILED)
            return (int)ws_last_error;
        if (w == WAIT_TIMEOUT)
            return WAIT_TIMEOUT;
        if (w == WS_WAIT_IO_COMPLETION)
            return WS_WAIT_IO_COMPLETION;
        st = (uint32_t)__atomic_load_n(&ov->Internal, __ATOMIC_ACQUIRE);
    }
    *bytes = (DWORD)ov->InternalHigh;
    if (st != WS_STATUS_SUCCESS && (st >= 0x80000000u || st == WS_STATUS_PENDING))
        return (int)ws_ntstatus_to_w32(st);
    *ret = 1;
    return 0;
}

WS2P_EXPORT BOOL GetOverlappedResult(HANDLE h, WS_OVERLAPPED *ov, DWORD *bytes, BOOL wait)
{
    struct ws_call c = WS_CALL32("GetOverlappedResult");
    BOOL ret = 0;
    int err = overlapped_result(h, ov, bytes, wait ? (DWORD)WS_INFINITE : 0, false, &ret);
    if (err)
        ws_fail(&c, err);
    return WS_EXIT32(&c, ret, "h=%p, ov=%p, wait=%d, bytes=%u", h, (void *)ov, wait, ret ? (unsigned)*bytes : 0u);
}

/* A wait that times out fails with WAIT_TIMEOUT, one ended by APCs with
 * WAIT_IO_COMPLETION (GetOverlappedResultEx docs). */
WS2P_EXPORT BOOL GetOverlappedResultEx(HANDLE h, WS_OVERLAPPED *ov, DWORD *bytes, DWORD ms, BOOL alertable)
{
    struct ws_call c = WS_CALL32("GetOverlappedResultEx");
    BOOL ret = 0;
    int err = overlapped_result(h, ov, bytes, ms, alertable != 0, &ret);
    if (err)
        ws_fail(&c, err);
    return WS_EXIT32(&c, ret, "h=%p, ov=%p, ms=%u, alertable=%d", h, (void *)ov, (unsigned)ms, alertable);
}

/* The calling thread's operations on the handle (CancelIo docs). */
WS2P_EXPORT BOOL CancelIo(HANDLE h)
{
    struct ws_call c = WS_CALL32("CancelIo");
    ws_sock *sk;
    ws_obj *o;
    BOOL ret = live(h, &sk, &o);
    if (!ret)
        ws_fail(&c, ERROR_INVALID_HANDLE);
    else if (sk)
        ws_io_cancel(sk, ws_tid(), NULL);
    drop(sk, o);
    return WS_EXIT32(&c, ret, "h=%p", h);
}

/* One operation (ov) or all of the handle's, whichever thread issued
 * them; nothing to cancel is ERROR_NOT_FOUND (CancelIoEx docs). */
WS2P_EXPORT BOOL CancelIoEx(HANDLE h, WS_OVERLAPPED *ov)
{
    struct ws_call c = WS_CALL32("CancelIoEx");
    ws_sock *sk;
    ws_obj *o;
    BOOL ret = 0;
    if (!live(h, &sk, &o))
        ws_fail(&c, ERROR_INVALID_HANDLE);
    else if (!sk || !ws_io_cancel(sk, 0, ov))
        ws_fail(&c, ERROR_NOT_FOUND);
    else
        ret = 1;
    drop(sk, o);
    return WS_EXIT32(&c, ret, "h=%p, ov=%p", h, (void *)ov);
}
