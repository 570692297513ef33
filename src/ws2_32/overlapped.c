/* Overlapped sends and receives (the WSASend/WSARecv family with an
 * OVERLAPPED or a completion routine) and WSAGetOverlappedResult, on the
 * I/O engine (src/core/io.c). */
#include "engine.h"
#include "iocp.h"
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int ws_overlapped_io(struct ws_call *c, ws_sock *sk, const struct ws_overlapped_args *a)
{
    if (ws_bad_ptr(a->ov)) {
        ws_fail(c, WSAEFAULT);
        return WS_SOCKET_ERROR;
    }
    struct ws_sockio *io = ws_sockio(sk);
    ws_ioreq *r = io ? ws_ioreq_new(sk, a->op) : NULL;
    if (!r || (!a->routine && !(HANDLE)((ULONG_PTR)a->ov->hEvent & ~(ULONG_PTR)1) && !ws_io_fileobj(sk))) {
        if (r)
            ws_ioreq_discard(r);
        ws_fail(c, WSAENOBUFS);
        return WS_SOCKET_ERROR;
    }
    pthread_mutex_lock(&io->lock);
    struct ws_port *port = io->port;
    if (port)
        ws_port_ref(port);
    r->key = io->key;
    pthread_mutex_unlock(&io->lock);
    if (port && a->routine) {
        /* Completion routines and ports do not mix (sock.c test_WSARecv). */
        ws_port_unref(port);
        ws_ioreq_discard(r);
        ws_fail(c, WSAEINVAL);
        return WS_SOCKET_ERROR;
    }
    r->port = port;
    r->ov = a->ov;
    HANDLE ev = (HANDLE)((ULONG_PTR)a->ov->hEvent & ~(ULONG_PTR)1);
    /* The low bit of hEvent keeps the completion off the port (GetQueuedCompletionStatus docs). */
    r->no_packet = ((ULONG_PTR)a->ov->hEvent & 1) != 0;
    if (a->routine) {
        /* hEvent is the program's own with a completion routine
         * (WSARecv docs): not signalled. */
        struct ws_thread *t = ws_thread_self();
        if (!t) {
            ws_ioreq_discard(r);
            ws_fail(c, WSAENOBUFS);
            return WS_SOCKET_ERROR;
        }
        r->routine = a->routine;
        r->thread = t->obj;
        ws_obj_ref(t->obj);
    } else if (ev) {
        r->event = ws_handle_get(ev, WS_OBJ_EVENT);
        if (r->event)
            ws_obj_reset(r->event); /* as NT does when an operation with an event starts */
    }
    r->issuer_tid = ws_tid();
    if (!ws_ioreq_set_buffers(r, a->iov, a->count)) {
        ws_ioreq_discard(r);
        ws_fail(c, WSAENOBUFS);
        return WS_SOCKET_ERROR;
    }
    r->total = a->total;
    r->lxflags = a->lxflags;
    if (a->op == WS_IO_RECV && sk->type != SOCK_STREAM) {
        r->lxflags |= MSG_TRUNC; /* the datagram's real size: cut ones are WSAEMSGSIZE */
        r->msg.msg_name = &r->addr;
        r->msg.msg_namelen = sizeof r->addr;
        r->from = a->from;
        r->fromlen = a->fromlen;
    } else if (a->to_len) {
        memcpy(&r->addr, &a->to, a->to_len);
        r->msg.msg_name = &r->addr;
        r->msg.msg_namelen = a->to_len;
    }
    WS_OVERLAPPED *ov = a->ov;
    struct ws_io_now now;
    r->now = &now;
    __atomic_store_n(&ov->Internal, (ULONG_PTR)WS_STATUS_PENDING, __ATOMIC_RELEASE);
    if (!ws_io_submit(r)) {
        ws_fail(c, WSA_IO_PENDING);
        return WS_SOCKET_ERROR;
    }
    /* Finished at once (r is gone): the result as it was delivered, not the
     * OVERLAPPED, which a worker may be reusing already. */
    uint32_t st = now.status;
    if (st == WS_STATUS_SUCCESS || st == WS_STATUS_BUFFER_OVERFLOW) {
        /* A call that fails at once leaves the count alone (sock.c
         * test_completion_port); a cut datagram reports what it placed. */
        if (a->bytes_out)
            *a->bytes_out = now.bytes;
        if (a->flags_out)
            *a->flags_out = now.flags;
    }
    if (st == WS_STATUS_SUCCESS)
        return 0;
    ws_fail(c, (int)ws_ntstatus_to_wsa(st));
    return WS_SOCKET_ERROR;
}

void ws_overlapped_sync_done(WS_OVERLAPPED *ov, int ret, int err, DWORD bytes, DWORD flags)
{
    uint32_t st = ret == 0 ? WS_STATUS_SUCCESS : err == WSAEMSGSIZE ? WS_STATUS_BUFFER_OVERFLOW
                                                                     : ws_errno_to_ntstatus(EINVAL);
    if (ret != 0 && err != WSAEMSGSIZE)
        return; /* a failed call reports to its caller only */
    ov->InternalHigh = bytes;
    ov->Offset = flags;
    __atomic_store_n(&ov->Internal, (ULONG_PTR)st, __ATOMIC_RELEASE);
    HANDLE ev = (HANDLE)((ULONG_PTR)ov->hEvent & ~(ULONG_PTR)1);
    ws_obj *e = ev ? ws_handle_get(ev, WS_OBJ_EVENT) : NULL;
    if (e) {
        ws_obj_signal(e);
        ws_obj_unref(e);
    }
}

/* Checks in Windows' order (sock.c test_WSAGetOverlappedResult): the
 * socket, then the OVERLAPPED's status.  With fWait the wait is on hEvent
 * (or the socket itself), not alertable; a status still pending after it
 * is reported as success with ERROR_IO_PENDING, as Windows does. */
WS2P_EXPORT BOOL WSAGetOverlappedResult(SOCKET s, WS_OVERLAPPED *ov, DWORD *bytes, BOOL wait, DWORD *flags)
{
    struct ws_call c = WS_CALL("WSAGetOverlappedResult");
    BOOL ret = 0;
    ws_sock *sk = ws_enter(&c, s);
    if (sk) {
        if (ws_bad_ptr(ov) || ws_bad_ptr(bytes) || ws_bad_ptr(flags))
            ws_fail(&c, WSAEFAULT);
        else {
            uint32_t st = (uint32_t)__atomic_load_n(&ov->Internal, __ATOMIC_ACQUIRE);
            if (st == WS_STATUS_PENDING) {
                ws_io_poll_sock(sk); /* a program polling us instead of waiting */
                st = (uint32_t)__atomic_load_n(&ov->Internal, __ATOMIC_ACQUIRE);
            }
            if (st == WS_STATUS_PENDING && wait) {
                HANDLE ev = (HANDLE)((ULONG_PTR)ov->hEvent & ~(ULONG_PTR)1);
                DWORD w = ws_wait_handles(1, ev ? &ev : (HANDLE *)&s, 0, (DWORD)WS_INFINITE, false);
                st = (uint32_t)__atomic_load_n(&ov->Internal, __ATOMIC_ACQUIRE);
                if (w == (DWORD)WS_WAIT_FAILED && st == WS_STATUS_PENDING) {
                    ws_fail(&c, WSA_INVALID_HANDLE);
                    goto out;
                }
                if (st == WS_STATUS_PENDING) {
                    *bytes = (DWORD)ov->InternalHigh;
                    *flags = ov->Offset;
                    ws_fail(&c, WSA_IO_PENDING);
                    ret = 1;
                    goto out;
                }
            }
            bool ok = st < 0x80000000u && st != WS_STATUS_PENDING;
            if (ok || st != WS_STATUS_PENDING) {
                *bytes = (DWORD)ov->InternalHigh;
                *flags = ov->Offset;
            }
            ws_fail(&c, (int)ws_ntstatus_to_wsa(st));
            ret = ok;
        }
    out:
        ws_sock_put(sk);
    }
    return WS_EXIT(&c, ret, "s=%lu, ov=%p, wait=%d, bytes=%u", (unsigned long)s, (void *)ov, wait,
                   ret ? (unsigned)*bytes : 0u);
}
