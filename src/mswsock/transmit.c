/* TransmitFile and TransmitPackets.
 *
 * Both become one list of elements (memory, or a range of a file) sent in
 * order: TransmitFile's head buffer, file and tail buffer are three of
 * them.  File ranges go with sendfile(2), so their bytes never pass through
 * user space; on a datagram socket (TransmitPackets only) each element is
 * one datagram.  Without an OVERLAPPED the call sends in the caller as a
 * blocking send would; with one, the list is an engine request in the
 * socket's send FIFO (after the sends before it), always reported pending
 * (sock.c test_TransmitFile).  TF_DISCONNECT shuts the sending side when
 * all has gone; with TF_REUSE_SOCKET a fresh socket then takes the handle
 * (as DisconnectEx, src/mswsock/connect.c).
 *
 * The file position: without an OVERLAPPED the file is read from its
 * current position, with one from OVERLAPPED.Offset/OffsetHigh
 * (TransmitFile docs); the position itself is left where it was. */
#include "ext.h"
#include "fileobj.h"
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_BYTES 2147483646u /* the most one TransmitFile sends (TransmitFile docs) */

struct xel {
    const char *buf; /* memory, or NULL for a file range */
    int fd;
    ws_obj *ref;     /* the file object, referenced */
    off_t off;
    uint64_t left;   /* bytes still to send */
    bool eop;        /* TP_ELEMENT_EOP */
};

struct xmit {
    struct xel *el;
    size_t n, i;
    uint64_t sent;
    DWORD flags;     /* TF_* */
    bool dgram;
};

static void xmit_free(struct xmit *x)
{
    for (size_t i = 0; i < x->n; i++)
        if (x->el[i].ref)
            ws_obj_unref(x->el[i].ref);
    free(x->el);
    free(x);
}

/* Wait for room (blocking calls only). */
static int wait_out(ws_sock *sk)
{
    struct pollfd p = {sk->fd, POLLOUT, 0};
    if (poll(&p, 1, -1) < 0 && errno != EINTR)
        return errno;
    return ws_sock_closing(sk) ? EINTR : 0;
}

/* One datagram of a file range (a datagram socket cannot take sendfile's
 * pieces as one message). */
static ssize_t send_file_dgram(ws_sock *sk, struct xel *e, int fl)
{
    size_t n = e->left > 65507 ? 65507 : (size_t)e->left;
    char *b = malloc(n ? n : 1);
    if (!b) {
        errno = ENOMEM;
        return -1;
    }
    ssize_t r = pread(e->fd, b, n, e->off);
    if (r >= 0)
        r = send(sk->fd, b, (size_t)r, fl);
    free(b);
    return r;
}

/* Send what is left, in order.  blocking: as a blocking send (waits for
 * room); otherwise returns -EAGAIN when the socket is full.  Returns the
 * bytes sent in all, or -errno. */
static long pump(ws_sock *sk, struct xmit *x, bool blocking)
{
    bool nb = false;
    long ret = 0;
    while (x->i < x->n) {
        struct xel *e = &x->el[x->i];
        bool more = x->i + 1 < x->n && !e->eop;
        int fl = MSG_NOSIGNAL | (blocking ? 0 : MSG_DONTWAIT) | (more && !x->dgram ? MSG_MORE : 0);
        ssize_t r;
        if (!e->left && !x->dgram) {
            x->i++;
            continue;
        }
        if (e->buf)
            r = send(sk->fd, e->buf, (size_t)e->left, fl);
        else if (x->dgram)
            r = send_file_dgram(sk, e, fl);
        else {
            /* sendfile has no MSG_DONTWAIT: the descriptor is non-blocking
             * while the engine sends. */
            if (!blocking && !nb)
                nb = ws_nonblock_begin(sk);
            size_t chunk = e->left > 0x7ffff000u ? 0x7ffff000u : (size_t)e->left;
            r = sendfile(sk->fd, e->fd, &e->off, chunk);
            if (r == 0) { /* the file ended before the range did */
                x->i++;
                continue;
            }
            if (r > 0) {
                e->left -= (uint64_t)r;
                x->sent += (uint64_t)r;
                if (!e->left)
                    x->i++;
                continue;
            }
        }
        if (r < 0) {
            int e2 = errno;
            if (e2 == EINTR)
                continue;
            if (e2 == EAGAIN) {
                if (!blocking) {
                    ret = -EAGAIN;
                    break;
                }
                int w = wait_out(sk);
                if (!w)
                    continue;
                e2 = w;
            }
            ret = -e2;
            break;
        }
        if (e->buf) {
            if (x->dgram || (uint64_t)r == e->left) {
                x->sent += (uint64_t)r;
                x->i++;
            } else {
                e->buf += r;
                e->left -= (uint64_t)r;
                x->sent += (uint64_t)r;
            }
        } else { /* a datagram of a file */
            x->sent += (uint64_t)r;
            x->i++;
        }
    }
    ws_nonblock_end(sk, nb);
    if (ret)
        return ret;
    return (long)x->sent;
}

/* TF_DISCONNECT / TF_REUSE_SOCKET once everything has gone. */
static int finish_flags(ws_sock *sk, DWORD flags)
{
    if (!(flags & WS_TF_DISCONNECT))
        return 0;
    if (shutdown(sk->fd, SHUT_WR) < 0 && errno != ENOTCONN)
        return errno;
    ws_set_flags(sk, WSF_SHUT_WR);
    return (flags & WS_TF_REUSE_SOCKET) ? ws_sock_renew(sk) : 0;
}

static long xmit_perform(ws_ioreq *r)
{
    struct xmit *x = r->api_data;
    long n = pump(r->sk, x, false);
    if (n < 0)
        return n;
    int e = finish_flags(r->sk, x->flags);
    return e ? -e : n;
}

static void xmit_req_free(ws_ioreq *r)
{
    xmit_free(r->api_data);
}

/* A file element: the handle's descriptor and the range [off, off + len)
 * (len 0: to the end of the file; off -1: the current position). */
static int file_element(struct xel *e, HANDLE h, int64_t off, uint64_t len)
{
    int fd = ws_file_fd(h, &e->ref);
    if (fd < 0)
        return WSAEINVAL; /* not a file handle */
    struct stat st;
    if (off < 0 && (off = lseek(fd, 0, SEEK_CUR)) < 0)
        off = 0;
    if (fstat(fd, &st) < 0)
        return WSAEINVAL;
    uint64_t size = S_ISREG(st.st_mode) && st.st_size > off ? (uint64_t)(st.st_size - off) : 0;
    e->fd = fd;
    e->off = (off_t)off;
    e->left = len && (len < size || !S_ISREG(st.st_mode)) ? len : size;
    return 0;
}

/* The common body: checks of the socket's state and flags, then the send
 * (in the caller, or as an engine request with an OVERLAPPED).  x is
 * consumed. */
static BOOL transmit(struct ws_call *c, ws_sock *sk, struct xmit *x, WS_OVERLAPPED *ov)
{
    if (sk->type == SOCK_STREAM)
        ws_mark_sent(sk);
    if (!ov) {
        bool was_nb = (ws_flags(sk) & (WSF_NONBLOCK | WSF_KNONBLOCK)) != 0;
        long n = pump(sk, x, !was_nb);
        while (n == -EAGAIN) { /* a non-blocking socket: TransmitFile still sends it all */
            int w = wait_out(sk);
            n = w ? -w : pump(sk, x, false);
        }
        int e = n < 0 ? (int)-n : finish_flags(sk, x->flags);
        xmit_free(x);
        if (e) {
            ws_fail_io(c, sk, "sendfile", e);
            return 0;
        }
        return 1;
    }
    ws_ioreq *r = ws_ioreq_custom(sk, WS_IO_DIR_SEND, POLLOUT, xmit_perform);
    int err = r ? ws_ioreq_targets(r, ov, NULL) : WSAENOBUFS;
    if (err) {
        if (r)
            ws_ioreq_discard(r);
        xmit_free(x);
        ws_fail(c, err);
        return 0;
    }
    r->api_data = x;
    r->free_cb = xmit_req_free;
    r->pend = true;
    __atomic_store_n(&ov->Internal, (ULONG_PTR)WS_STATUS_PENDING, __ATOMIC_RELEASE);
    ws_io_submit(r);
    ws_fail(c, WSA_IO_PENDING);
    return 0;
}

/* Checks shared by both (TransmitFile / TransmitPackets docs, sock.c
 * test_TransmitFile): a connected socket (a datagram socket only for
 * TransmitPackets), TF_REUSE_SOCKET only with TF_DISCONNECT, an
 * OVERLAPPED that can be written. */
static int check(ws_sock *sk, DWORD flags, WS_OVERLAPPED *ov, bool packets)
{
    uint32_t f = ws_flags(sk);
    if ((sk->type != SOCK_STREAM && !packets) || !(f & WSF_CONNECTED) || (f & WSF_NOCTX))
        return WSAENOTCONN;
    if ((flags & WS_TF_REUSE_SOCKET) && !(flags & WS_TF_DISCONNECT))
        return WSAEINVAL;
    if (flags & ~(DWORD)(WS_TF_DISCONNECT | WS_TF_REUSE_SOCKET | WS_TF_WRITE_BEHIND | WS_TF_USE_SYSTEM_THREAD |
                         WS_TF_USE_KERNEL_APC))
        return WSAEINVAL;
    if (ov && ws_bad_ptr(ov))
        return WSAEFAULT;
    if (f & (WSF_SHUT_WR | WSF_RESET | WSF_ABORTED))
        return (f & WSF_ABORTED) ? WSAECONNABORTED : (f & WSF_SHUT_WR) ? WSAESHUTDOWN : WSAECONNRESET;
    return 0;
}

WS2P_EXPORT BOOL TransmitFile(SOCKET s, HANDLE file, DWORD nbytes, DWORD per_send, WS_OVERLAPPED *ov,
                              WS_TRANSMIT_FILE_BUFFERS *buffers, DWORD flags)
{
    struct ws_call c = WS_CALL("TransmitFile");
    BOOL ret = 0;
    ws_sock *sk = ws_enter(&c, s);
    (void)per_send; /* the kernel sizes its own sends */
    if (sk) {
        struct xmit *x = NULL;
        int err = check(sk, flags, ov, false);
        if (!err && nbytes > MAX_BYTES)
            err = WSAEINVAL;
        if (!err && buffers &&
            (ws_bad_ptr(buffers) || (buffers->HeadLength && ws_bad_ptr(buffers->Head)) ||
             (buffers->TailLength && ws_bad_ptr(buffers->Tail))))
            err = WSAEFAULT;
        if (!err && (!(x = calloc(1, sizeof *x)) || !(x->el = calloc(3, sizeof *x->el))))
            err = WSAENOBUFS;
        if (!err) {
            x->flags = flags;
            if (buffers && buffers->HeadLength)
                x->el[x->n++] = (struct xel){.buf = buffers->Head, .left = buffers->HeadLength};
            if (file) {
                int64_t off = ov ? (int64_t)((uint64_t)ov->OffsetHigh << 32 | ov->Offset) : -1;
                err = file_element(&x->el[x->n++], file, off, nbytes);
            }
            if (!err && buffers && buffers->TailLength)
                x->el[x->n++] = (struct xel){.buf = buffers->Tail, .left = buffers->TailLength};
        }
        if (err) {
            ws_fail(&c, err);
            if (x)
                xmit_free(x);
        } else
            ret = transmit(&c, sk, x, ov);
        ws_sock_put(sk);
    }
    return WS_EXIT(&c, ret, "s=%lu, file=%p, nbytes=%u, ov=%p, buffers=%p, flags=%#x", (unsigned long)s, file,
                   (unsigned)nbytes, (void *)ov, (void *)buffers, (unsigned)flags);
}

WS2P_EXPORT BOOL ws2p_TransmitPackets(SOCKET s, WS_TRANSMIT_PACKETS_ELEMENT *el, DWORD count, DWORD send_size,
                                      WS_OVERLAPPED *ov, DWORD flags)
{
    struct ws_call c = WS_CALL("TransmitPackets");
    BOOL ret = 0;
    ws_sock *sk = ws_enter(&c, s);
    (void)send_size;
    if (sk) {
        struct xmit *x = NULL;
        int err = check(sk, flags, ov, true);
        if (!err && count && ws_bad_ptr(el))
            err = WSAEFAULT;
        if (!err && (!(x = calloc(1, sizeof *x)) || !(x->el = calloc(count ? count : 1, sizeof *x->el))))
            err = WSAENOBUFS;
        for (DWORD i = 0; !err && i < count; i++) {
            ULONG kind = el[i].dwElFlags & (WS_TP_ELEMENT_MEMORY | WS_TP_ELEMENT_FILE);
            struct xel *e = &x->el[x->n++];
            e->eop = (el[i].dwElFlags & WS_TP_ELEMENT_EOP) != 0;
            if ((el[i].dwElFlags & ~(ULONG)(WS_TP_ELEMENT_MEMORY | WS_TP_ELEMENT_FILE | WS_TP_ELEMENT_EOP)) ||
                (kind != WS_TP_ELEMENT_MEMORY && kind != WS_TP_ELEMENT_FILE))
                err = WSAEINVAL; /* exactly one of memory or file */
            else if (kind == WS_TP_ELEMENT_MEMORY) {
                if (el[i].cLength && ws_bad_ptr(el[i].pBuffer))
                    err = WSAEFAULT;
                e->buf = el[i].pBuffer;
                e->left = el[i].cLength;
            } else
                err = file_element(e, el[i].hFile, el[i].nFileOffset, el[i].cLength);
        }
        if (!err) {
            x->flags = flags;
            x->dgram = sk->type != SOCK_STREAM;
        }
        if (err) {
            ws_fail(&c, err);
            if (x)
                xmit_free(x);
        } else
            ret = transmit(&c, sk, x, ov);
        ws_sock_put(sk);
    }
    return WS_EXIT(&c, ret, "s=%lu, elements=%p, count=%u, ov=%p, flags=%#x", (unsigned long)s, (void *)el,
                   (unsigned)count, (void *)ov, (unsigned)flags);
}
