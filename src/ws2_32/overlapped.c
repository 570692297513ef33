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
    ws_ioreq *r = ws_ioreq_new(sk, a->op);
    int err = r ? ws_ioreq_targets(r, a->ov, a->routine) : WSAENOBUFS;
    if (err) {
        if (r)
            ws_ioreq_discard(r);
        ws_fail(c, err);
        return WS_SOCKET_ERROR;
    }
    if (!ws_ioreq_set_buffers(r, a->iov, a->count)) {
        ws_ioreq_discard(r);
        ws_fail(c, WSAENOBUFS);
        return WS_SOCKET_ERROR;
    }
    r->total = a->total;
    r->lxflags = a->lxflags;
    if (a->control || a->wmsg) {
        size_t n = a->wmsg ? WS_CMSG_ROOM : a->controllen;
        if (!(r->owned_buf = malloc(n))) {
            ws_ioreq_discard(r);
            ws_fail(c, WSAENOBUFS);
            return WS_SOCKET_ERROR;
        }
        if (a->control)
            memcpy(r->owned_buf, a->control, n);
        r->msg.msg_control = r->owned_buf;
        r->msg.msg_controllen = n;
    }
    if (a->wmsg) {
        r->api_data = a->wmsg;
        r->finish_cb = ws_recvmsg_finish;
        r->no_offset = true;
    }
    if (a->op == WS_IO_RECV && sk->type != SOCK_STREAM) {
        r->lxflags |= MSG_TRUNC; /* the datagram's real size: cut ones are WSAEMSGSIZE */
        r->msg.msg_name = &r->addr;
        r->msg.msg_namelen = sizeof r->addr;
        r->from = a->from;
        r->fromlen = a->fromlen;
    } else if (a->to_len) {
        memcpy(&r->addr, a->to, a->to_len);
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
    if (st == WS_STATUS_BUFFER_OVERFLOW) {
        /* A warning, not a failure: the call reports it pending and the
         * completion (event, routine, packet, all delivered) carries
         * WSAEMSGSIZE (sock.c test_ip_pktinfo). */
        ws_fail(c, WSA_IO_PENDING);
        return WS_SOCKET_ERROR;
    }
    if (st == WS_STATUS_SUCCESS) {
        /* A call that fails at once leaves the count alone (sock.c
         * test_completion_port). */
        if (a->bytes_out)
            *a->bytes_out = now.bytes;
        if (a->flags_out && !a->wmsg)
            *a->flags_out = now.flags;
        return 0;
    }
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
